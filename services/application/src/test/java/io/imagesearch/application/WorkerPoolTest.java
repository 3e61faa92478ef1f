package io.imagesearch.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagesearch.core.port.TaskQueue.Delivery;
import io.imagesearch.core.task.TaskState;
import io.imagesearch.core.task.TaskStatus;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.imaging.Thumbnailer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a pool in the middle of a batch, on the embedded adapters: the batches in hand finish
 * within the grace period, or go back to the queue without counting as an attempt; nothing is
 * failed, lost or left claimed.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WorkerPoolTest {

  private static final int BATCH = 4;

  @TempDir Path dir;
  private LocalAdapters local;
  private UploadService uploads;
  private final GatedEmbedder embedder = new GatedEmbedder();
  private final ExecutorService stopper = Executors.newSingleThreadExecutor();
  private IngestWorker worker;
  private final List<AcceptedUpload> accepted = new ArrayList<>();

  @BeforeEach
  void setUp() {
    local = new LocalAdapters(dir, Duration.ofMinutes(10), "colour-test", 3);
    ImageDecoder decoder = new ImageDecoder(DecoderLimits.DEFAULT);
    uploads =
        new UploadService(decoder, local.objects, local.queue, local.statuses, Clock.systemUTC());
    worker =
        new IngestWorker(
            local.queue,
            local.statuses,
            local.objects,
            ModelSlot.of(embedder, local.index),
            decoder,
            Thumbnailer.defaults(),
            new WorkerSettings(
                BATCH, Duration.ofMillis(50), 3, Duration.ofMillis(10), Duration.ofMillis(50), 2),
            Clock.systemUTC());
    // Three batches: one in the forward pass, one claimed ahead, one nobody has claimed.
    for (int i = 0; i < 3 * BATCH; i++) {
      accepted.add(
          uploads.accept(TestPngs.solid(new Color(i * 20, 90, 200)), i + ".png", Set.of()));
    }
  }

  @AfterEach
  void tearDown() {
    embedder.open.countDown();
    stopper.shutdownNow();
    worker.close();
    local.close();
  }

  @Test
  void stopWaitsForTheBatchesInHandAndLeavesTheRestQueued() throws Exception {
    WorkerPool pool = new WorkerPool(worker, "pool", Duration.ofMinutes(1));
    pool.start(1);
    embedder.entered.await();

    Future<?> stopping = stopper.submit(pool::stop);

    // The forward pass is held on a latch: stop cannot be over while it runs.
    Thread.sleep(200);
    assertThat(stopping.isDone()).as("stop returned during the forward pass").isFalse();
    embedder.open.countDown();
    stopping.get(1, TimeUnit.MINUTES);

    assertThat(states(0, 2 * BATCH))
        .as("the batch embedded and the one claimed ahead")
        .containsOnly(TaskState.SUCCESS);
    assertThat(statuses(2 * BATCH, 3 * BATCH))
        .as("never claimed")
        .allSatisfy(s -> assertThat(s.state()).isEqualTo(TaskState.PENDING));
    assertNothingClaimedAndNoAttemptCounted(BATCH);
  }

  @Test
  void aBatchStillInHandAfterTheGracePeriodGoesBackToTheQueueNotToFailure() throws Exception {
    WorkerPool pool = new WorkerPool(worker, "pool", Duration.ofMillis(100));
    pool.start(1);
    embedder.entered.await();

    Future<?> stopping = stopper.submit(pool::stop);
    await().atMost(Duration.ofSeconds(30)).until(pool::givingBack);
    // The forward pass that was running when the grace ended finishes: it cannot be interrupted.
    embedder.open.countDown();
    stopping.get(1, TimeUnit.MINUTES);

    assertThat(states(0, BATCH))
        .as("the batch in the forward pass")
        .containsOnly(TaskState.SUCCESS);
    List<TaskStatus> givenBack = statuses(BATCH, 2 * BATCH);
    assertThat(givenBack)
        .as("the batch claimed ahead, given back before its forward pass")
        .allSatisfy(
            s -> {
              assertThat(s.state()).isEqualTo(TaskState.PENDING);
              assertThat(s.attempts()).isZero();
              assertThat(s.error()).isEmpty();
            });
    assertThat(embedder.embedded).as("images that reached the model").isEqualTo(BATCH);
    assertNothingClaimedAndNoAttemptCounted(2 * BATCH);
  }

  /**
   * {@code waiting} tasks are queued, none of them claimed (a poll that does not wait gets them all
   * at once) and each is on its first attempt; nothing was dead-lettered.
   */
  private void assertNothingClaimedAndNoAttemptCounted(int waiting) {
    assertThat(local.queue.backlog()).isEqualTo(waiting);
    List<Delivery> again = local.queue.poll("after-restart", 100, Duration.ZERO);
    assertThat(again).hasSize(waiting);
    assertThat(again).extracting(Delivery::attempt).containsOnly(1);
    assertThat(local.queue.deadLetters(10)).isEmpty();
  }

  private List<TaskState> states(int from, int to) {
    return statuses(from, to).stream().map(TaskStatus::state).toList();
  }

  private List<TaskStatus> statuses(int from, int to) {
    return accepted.subList(from, to).stream()
        .map(a -> local.statuses.get(a.taskId()).orElseThrow())
        .toList();
  }

  /** The colour embedder, whose forward passes wait until the test opens the gate. */
  private static final class GatedEmbedder extends ColourEmbedder {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch open = new CountDownLatch(1);
    volatile int embedded;

    @Override
    public List<float[]> embedImages(List<BufferedImage> images) {
      entered.countDown();
      try {
        open.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      embedded += images.size();
      return super.embedImages(images);
    }
  }
}
