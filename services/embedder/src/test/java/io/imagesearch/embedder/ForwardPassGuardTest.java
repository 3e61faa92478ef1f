package io.imagesearch.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.core.port.EmbedderClosedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ForwardPassGuardTest {

  private final ForwardPassGuard guard = new ForwardPassGuard("tiny-test");
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void aPassRunsAndReturnsItsResultWhileOpen() {
    assertThat(guard.run(() -> "vectors")).isEqualTo("vectors");
    assertThat(guard.running()).isZero();
  }

  @Test
  void closeWaitsForTheRunningPassAndThenReportsIdle() throws Exception {
    CountDownLatch finish = new CountDownLatch(1);
    Future<String> pass = runningPass(finish);

    Future<Boolean> closing = threads.submit(() -> guard.close(Duration.ofSeconds(30)));

    // The pass is parked on the latch, so close cannot have returned: it waits for the pass.
    assertThat(pass.isDone()).isFalse();
    Thread.sleep(200);
    assertThat(closing.isDone()).as("close returned while a pass was running").isFalse();
    finish.countDown();
    assertThat(closing.get()).isTrue();
    assertThat(pass.get()).as("the pass that began before close ends normally").isEqualTo("done");
  }

  @Test
  void aPassAfterCloseIsRefusedWithoutRunning() {
    assertThat(guard.close(Duration.ofSeconds(1))).isTrue();
    AtomicBoolean ran = new AtomicBoolean();

    assertThatThrownBy(() -> guard.run(() -> ran.getAndSet(true)))
        .isInstanceOf(EmbedderClosedException.class)
        .hasMessageContaining("tiny-test")
        .hasMessageContaining("closed");
    assertThat(ran).isFalse();
  }

  @Test
  void aPassArrivingWhileCloseWaitsIsRefusedAtOnce() throws Exception {
    CountDownLatch finish = new CountDownLatch(1);
    runningPass(finish);
    Future<Boolean> closing = threads.submit(() -> guard.close(Duration.ofSeconds(30)));
    while (!closingStarted()) {
      Thread.sleep(5);
    }

    // Refused on the spot, not queued behind the close.
    assertThatThrownBy(() -> guard.run(() -> "late")).isInstanceOf(EmbedderClosedException.class);
    assertThat(closing.isDone()).isFalse();
    finish.countDown();
    assertThat(closing.get()).isTrue();
  }

  @Test
  void closeGivesUpAfterItsTimeoutAndSaysAPassStillRuns() throws Exception {
    CountDownLatch finish = new CountDownLatch(1);
    runningPass(finish);

    assertThat(guard.close(Duration.ofMillis(100))).isFalse();
    assertThat(guard.running()).isEqualTo(1);
    finish.countDown();
    assertThat(guard.close(Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void aPassThatFailsStillLetsCloseProceed() {
    assertThatThrownBy(
            () ->
                guard.run(
                    () -> {
                      throw new IllegalStateException("engine error");
                    }))
        .hasMessage("engine error");

    assertThat(guard.close(Duration.ofMillis(100))).isTrue();
  }

  /**
   * Many threads run passes in a loop while the guard closes: once close has returned true, no pass
   * is inside the guard and none enters it again; every pass either completes or is refused.
   */
  @Test
  void withManyThreadsNoPassRunsOnceCloseHasReturned() throws Exception {
    int threadCount = 16;
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger enteredAfterClose = new AtomicInteger();
    AtomicInteger completed = new AtomicInteger();
    AtomicBoolean closeReturned = new AtomicBoolean();
    CountDownLatch allRunning = new CountDownLatch(threadCount);
    List<Future<Integer>> workers = new ArrayList<>();
    for (int t = 0; t < threadCount; t++) {
      workers.add(
          threads.submit(
              () -> {
                allRunning.countDown();
                int refused = 0;
                while (refused == 0) {
                  try {
                    guard.run(
                        () -> {
                          inside.incrementAndGet();
                          if (closeReturned.get()) {
                            enteredAfterClose.incrementAndGet();
                          }
                          // A short pass: long enough that close often finds passes running.
                          busyFor(Duration.ofNanos(200_000));
                          inside.decrementAndGet();
                          return completed.incrementAndGet();
                        });
                  } catch (EmbedderClosedException e) {
                    refused++;
                  }
                }
                return refused;
              }));
    }
    allRunning.await();
    Thread.sleep(100);

    boolean idle = guard.close(Duration.ofSeconds(30));
    int insideAtClose = inside.get();
    closeReturned.set(true);

    assertThat(idle).isTrue();
    assertThat(insideAtClose).as("passes running when close said none was").isZero();
    for (Future<Integer> worker : workers) {
      assertThat(worker.get()).as("every thread was refused once closed").isEqualTo(1);
    }
    assertThat(enteredAfterClose).hasValue(0);
    assertThat(completed.get()).isPositive();
  }

  /** A pass that has entered the guard and runs until {@code finish} opens; it returns "done". */
  private Future<String> runningPass(CountDownLatch finish) throws InterruptedException {
    CountDownLatch entered = new CountDownLatch(1);
    Future<String> pass =
        threads.submit(
            () ->
                guard.run(
                    () -> {
                      entered.countDown();
                      await(finish);
                      return "done";
                    }));
    entered.await();
    return pass;
  }

  private boolean closingStarted() {
    try {
      guard.run(() -> null);
      return false;
    } catch (EmbedderClosedException e) {
      return true;
    }
  }

  private static void busyFor(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
