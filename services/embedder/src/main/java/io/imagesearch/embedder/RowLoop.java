package io.imagesearch.embedder;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs a loop over image rows whose iterations are independent: in order on the calling thread, or
 * spread over a pool so that one large image can use the embedder's whole thread budget.
 */
@FunctionalInterface
interface RowLoop {

  RowLoop SEQUENTIAL =
      (from, to, row) -> {
        for (int y = from; y < to; y++) {
          row.accept(y);
        }
      };

  void run(int from, int to, IntConsumer row);

  /**
   * Rows spread over {@code pool}; below a few dozen rows the hand-off costs more than it saves.
   */
  static RowLoop on(ForkJoinPool pool) {
    return (from, to, row) -> {
      if (to - from < 32 || pool.getParallelism() < 2) {
        SEQUENTIAL.run(from, to, row);
        return;
      }
      pool.submit(() -> IntStream.range(from, to).parallel().forEach(row)).join();
    };
  }
}
