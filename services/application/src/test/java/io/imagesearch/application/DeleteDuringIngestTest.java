package io.imagesearch.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.task.TaskState;
import io.imagesearch.core.task.TaskStatus;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.imaging.Thumbnailer;
import io.imagesearch.queue.local.LocalTaskQueue;
import io.imagesearch.queue.local.LocalTaskStatusStore;
import io.imagesearch.storage.local.FilesystemObjectStore;
import io.imagesearch.storage.local.LuceneVectorIndex;
import io.imagesearch.testsupport.HostileImages;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A delete is final even while the image is being ingested: afterwards there is no index entry, no
 * bytes and no thumbnail, whichever step of the ingest it fell on.
 */
class DeleteDuringIngestTest {

  @TempDir Path dir;
  private LocalAdapters local;
  private LocalTaskQueue queue;
  private LocalTaskStatusStore statuses;
  private FilesystemObjectStore objects;
  private LuceneVectorIndex lucene;
  private HookedIndex index;
  private UploadService uploads;
  private SearchService search;
  private IngestWorker worker;
  private final ImageDecoder decoder = new ImageDecoder(DecoderLimits.DEFAULT);

  @BeforeEach
  void setUp() {
    local = new LocalAdapters(dir, Duration.ofSeconds(30), "colour-test", 3);
    queue = local.queue;
    statuses = local.statuses;
    objects = local.objects;
    lucene = local.index;
    index = new HookedIndex(lucene);
    ColourEmbedder colours = new ColourEmbedder();
    uploads = new UploadService(decoder, objects, queue, statuses, Clock.systemUTC());
    search = new SearchService(ModelSlot.of(colours, index), objects, decoder);
    worker =
        new IngestWorker(
            queue,
            statuses,
            objects,
            ModelSlot.of(colours, index),
            decoder,
            Thumbnailer.defaults(),
            new WorkerSettings(
                8, Duration.ofMillis(20), 3, Duration.ofMillis(10), Duration.ofMillis(50), 2),
            Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    worker.close();
    local.close();
  }

  @ParameterizedTest(name = "delete {0} the upsert")
  @ValueSource(strings = {"just before", "just after"})
  void aDeleteAroundTheUpsertLeavesNothingAndTheTaskSaysWhy(String when) {
    AcceptedUpload upload = uploads.accept(png(when.length()), "a.png", Set.of());
    Runnable delete = () -> search.delete(upload.imageId());
    if (when.equals("just before")) {
      index.beforeUpsert = delete;
    } else {
      index.afterUpsert = delete;
    }

    drain();

    assertGone(upload.imageId());
    TaskStatus status = statuses.get(upload.taskId()).orElseThrow();
    assertThat(status.state()).isEqualTo(TaskState.FAILURE);
    assertThat(status.error()).contains(IngestWorker.DELETED_DURING_INGEST);
    assertThat(queue.backlog()).isZero();
  }

  @Test
  void deletesRacingIngestNeverLeaveAnEntryWithoutBytesOrBytesWithoutAnEntry() throws Exception {
    Map<String, Integer> outcomes = new TreeMap<>();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 300; round++) {
        AcceptedUpload upload = uploads.accept(png(round + 10), round + ".png", Set.of());
        CountDownLatch go = new CountDownLatch(1);
        Future<?> ingest = threads.submit(() -> after(go, 0, () -> worker.runOnce("w")));
        // Spread over the ingest's steps: decoding, thumbnail, embedding, upsert, SUCCESS.
        long delay = ThreadLocalRandom.current().nextLong(TimeUnit.MILLISECONDS.toNanos(50));
        Future<?> delete =
            threads.submit(() -> after(go, delay, () -> search.delete(upload.imageId())));
        go.countDown();
        ingest.get(1, TimeUnit.MINUTES);
        delete.get(1, TimeUnit.MINUTES);
        drain();

        assertGone(upload.imageId());
        TaskStatus status = statuses.get(upload.taskId()).orElseThrow();
        assertThat(status.state()).isIn(TaskState.SUCCESS, TaskState.FAILURE);
        outcomes.merge(outcome(status), 1, Integer::sum);
      }
    } finally {
      threads.shutdownNow();
    }
    System.out.println("Delete racing ingest, outcomes of 300 rounds: " + outcomes);
    assertThat(lucene.count()).isZero();
  }

  /** Which step the delete fell on, as the task's final status tells. */
  private static String outcome(TaskStatus status) {
    if (status.state() == TaskState.SUCCESS) {
      return "deleted after SUCCESS";
    }
    String error = status.error().orElseThrow();
    return error.equals(IngestWorker.DELETED_DURING_INGEST)
        ? "deleted during ingest, entry removed by the worker"
        : error.contains("missing from the object store")
            ? "deleted before the bytes were read"
            : error;
  }

  private void assertGone(ImageId id) {
    assertThat(lucene.get(id)).as("index entry of " + id).isEmpty();
    assertThat(objects.stat(id.imageKey())).as("bytes of " + id).isEmpty();
    assertThat(objects.stat(id.thumbnailKey())).as("thumbnail of " + id).isEmpty();
  }

  private static Void after(CountDownLatch go, long delayNanos, Runnable action) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    LockSupport.parkNanos(delayNanos);
    action.run();
    return null;
  }

  private void drain() {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (queue.backlog() > 0 && System.nanoTime() < deadline) {
      worker.runOnce("w");
    }
    assertThat(queue.backlog()).as("the queue drains").isZero();
  }

  private static byte[] png(int n) {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        image.setRGB(x, y, (n * 7 + x) << 16 | (n * 13 + y) << 8 | (n & 0xFF));
      }
    }
    return HostileImages.encode(image, "png");
  }

  /** Runs an action right before or right after an upsert, once. */
  private static final class HookedIndex extends DelegatingIndex {
    private Runnable beforeUpsert = () -> {};
    private Runnable afterUpsert = () -> {};

    HookedIndex(VectorIndex delegate) {
      super(delegate);
    }

    @Override
    public void upsert(List<IndexedImage> images) {
      Runnable before = beforeUpsert;
      beforeUpsert = () -> {};
      before.run();
      super.upsert(images);
      Runnable after = afterUpsert;
      afterUpsert = () -> {};
      after.run();
    }
  }
}
