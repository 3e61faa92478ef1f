package io.imagesearch.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DecodingMemoryTest {

  private final DecodingMemory memory = new DecodingMemory(10 << 10);

  @Test
  void aReservationHoldsItsBytesWhileItsWorkRuns() {
    long during = memory.within(4 << 10, memory::availableBytes);

    assertThat(during).isEqualTo(6 << 10);
    assertThat(memory.availableBytes()).isEqualTo(10 << 10);
  }

  @Test
  void aReservationLargerThanTheBudgetRunsAlone() {
    long during = memory.within(1L << 40, memory::availableBytes);

    assertThat(during).isZero();
  }

  @Test
  void aReservationWaitsUntilTheBytesAreFreed() throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> first =
        CompletableFuture.runAsync(
            () ->
                memory.within(
                    8 << 10,
                    () -> {
                      holding.countDown();
                      await(release);
                      return null;
                    }));
    holding.await();
    CompletableFuture<Long> second =
        CompletableFuture.supplyAsync(() -> memory.within(8 << 10, memory::availableBytes));

    assertThat(second).isNotDone();
    release.countDown();

    first.get(30, TimeUnit.SECONDS);
    assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(2 << 10);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
