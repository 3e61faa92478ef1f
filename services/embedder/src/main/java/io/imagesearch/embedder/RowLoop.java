package io.imagesearch.embedder;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Runs a loop over image rows whose iterations are independent: in order on the calling thread, or
 * spread over a pool in ranges so that one large image can use the embedder's whole thread budget.
 * The body gets whole ranges so that it can set up its scratch space once per range, not per row.
 */
@FunctionalInterface
interface RowLoop {

  RowLoop SEQUENTIAL = (from, to, body) -> body.rows(from, to);

  /** Rows {@code [from, to)}, in order within one call. */
  @FunctionalInterface
  interface Rows {
    void rows(int from, int to);
  }

  void run(int from, int to, Rows body);

  /**
   * Rows spread over {@code pool} in a few ranges per thread (so an unlucky range does not keep the
   * others waiting); below a few dozen rows the hand-off costs more than it saves.
   */
  static RowLoop on(ForkJoinPool pool) {
    return (from, to, body) -> {
      int rows = to - from;
      int threads = pool.getParallelism();
      if (rows < 32 || threads < 2) {
        SEQUENTIAL.run(from, to, body);
        return;
      }
      int ranges = Math.min(rows, 4 * threads);
      pool.submit(
              () ->
                  IntStream.range(0, ranges)
                      .parallel()
                      .forEach(
                          i ->
                              body.rows(
                                  from + (int) ((long) rows * i / ranges),
                                  from + (int) ((long) rows * (i + 1) / ranges))))
          .join();
    };
  }
}
