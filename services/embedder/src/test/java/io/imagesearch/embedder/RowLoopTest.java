package io.imagesearch.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowLoopTest {

  @ParameterizedTest(name = "rows [{0}, {1}) on {2} threads")
  @CsvSource({"0, 768, 3", "37, 261, 2", "5, 20, 4", "0, 33, 8", "10, 11, 2", "0, 1000, 1"})
  void everyRowIsVisitedExactlyOnce(int from, int to, int threads) {
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      AtomicIntegerArray visits = new AtomicIntegerArray(to + 1);

      RowLoop.on(pool)
          .run(
              from,
              to,
              (start, end) -> {
                assertThat(start).isLessThan(end);
                for (int y = start; y < end; y++) {
                  visits.incrementAndGet(y);
                }
              });

      for (int y = 0; y <= to; y++) {
        assertThat(visits.get(y)).as("row %d", y).isEqualTo(y >= from && y < to ? 1 : 0);
      }
    } finally {
      pool.shutdown();
    }
  }
}
