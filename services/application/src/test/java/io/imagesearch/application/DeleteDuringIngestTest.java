package io.imagesearch.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import io.imagesearch.core.task.TaskState;
import io.imagesearch.core.task.TaskStatus;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.imaging.Thumbnailer;
import io.imagesearch.queue.local.LocalQueueConfig;
import io.imagesearch.queue.local.LocalTaskQueue;
import io.imagesearch.queue.local.LocalTaskStatusStore;
import io.imagesearch.storage.local.FilesystemObjectStore;
import io.imagesearch.storage.local.LuceneVectorIndex;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delete is final even while the image is being ingested: afterwards there is no index entry, no
 * bytes and no thumbnail, whichever step of the ingest it fell on.
 */
class DeleteDuringIngestTest {

  @TempDir Path dir;
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
    queue = new LocalTaskQueue(new LocalQueueConfig(dir.resolve("queue"), Duration.ofSeconds(30)));
    statuses = new LocalTaskStatusStore(dir.resolve("queue"));
    objects = new FilesystemObjectStore(dir.resolve("objects"));
    lucene = LuceneVectorIndex.open(dir.resolve("index"), "colour-test", 3);
    index = new HookedIndex(lucene);
    ColourEmbedder colours = new ColourEmbedder();
    uploads = new UploadService(decoder, objects, queue, statuses, Clock.systemUTC());
    search = new SearchService(colours, index, objects, decoder);
    worker =
        new IngestWorker(
            queue,
            statuses,
            objects,
            index,
            colours,
            decoder,
            Thumbnailer.defaults(),
            new WorkerSettings(
                8, Duration.ofMillis(20), 3, Duration.ofMillis(10), Duration.ofMillis(50), 2),
            Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    worker.close();
    lucene.close();
    queue.close();
    statuses.close();
  }

  @Test
  void aDeleteJustBeforeTheUpsertLeavesNothingAndTheTaskSaysWhy() {
    AcceptedUpload upload = uploads.accept(png(1), "a.png", Set.of());
    index.beforeUpsert = () -> search.delete(upload.imageId());

    drain();

    assertGone(upload.imageId());
    assertDeletedDuringIngest(upload);
  }

  @Test
  void aDeleteJustAfterTheUpsertLeavesNothingAndTheTaskSaysWhy() {
    AcceptedUpload upload = uploads.accept(png(2), "b.png", Set.of());
    index.afterUpsert = () -> search.delete(upload.imageId());

    drain();

    assertGone(upload.imageId());
    assertDeletedDuringIngest(upload);
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

  private void assertDeletedDuringIngest(AcceptedUpload upload) {
    TaskStatus status = statuses.get(upload.taskId()).orElseThrow();
    assertThat(status.state()).isEqualTo(TaskState.FAILURE);
    assertThat(status.error()).contains(IngestWorker.DELETED_DURING_INGEST);
    assertThat(queue.backlog()).isZero();
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
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Runs an action right before or right after an upsert, once. */
  private static final class HookedIndex implements VectorIndex {
    private final VectorIndex delegate;
    private Runnable beforeUpsert = () -> {};
    private Runnable afterUpsert = () -> {};

    HookedIndex(VectorIndex delegate) {
      this.delegate = delegate;
    }

    @Override
    public void upsert(List<IndexedImage> images) {
      Runnable before = beforeUpsert;
      beforeUpsert = () -> {};
      before.run();
      delegate.upsert(images);
      Runnable after = afterUpsert;
      afterUpsert = () -> {};
      after.run();
    }

    @Override
    public int dimension() {
      return delegate.dimension();
    }

    @Override
    public boolean delete(ImageId id) {
      return delegate.delete(id);
    }

    @Override
    public List<SearchHit> search(VectorQuery query) {
      return delegate.search(query);
    }

    @Override
    public Optional<IndexedImage> get(ImageId id) {
      return delegate.get(id);
    }

    @Override
    public long count() {
      return delegate.count();
    }

    @Override
    public void close() {}
  }
}
