package io.imagesearch.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.core.port.Embedder;
import io.imagesearch.core.port.EmbedderClosedException;
import io.imagesearch.core.port.ObjectStore;
import io.imagesearch.core.port.TaskQueue;
import io.imagesearch.core.port.TaskQueue.Delivery;
import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import io.imagesearch.core.task.IngestTask;
import io.imagesearch.core.task.TaskState;
import io.imagesearch.core.task.TaskStatus;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.imaging.ImageRejectedException;
import io.imagesearch.imaging.ImageRejectedException.Reason;
import io.imagesearch.imaging.Thumbnailer;
import io.imagesearch.queue.local.LocalQueueConfig;
import io.imagesearch.queue.local.LocalTaskQueue;
import io.imagesearch.queue.local.LocalTaskStatusStore;
import io.imagesearch.storage.local.FilesystemObjectStore;
import io.imagesearch.storage.local.LuceneVectorIndex;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload and ingest use cases on the real embedded adapters, with a colour "embedder". */
class IngestWorkerTest {

  @TempDir Path dir;
  private LocalTaskQueue queue;
  private LocalTaskStatusStore statuses;
  private FilesystemObjectStore objects;
  private LuceneVectorIndex lucene;
  private FlakyIndex index;
  private UploadService uploads;
  private IngestWorker worker;
  private final ImageDecoder decoder = new ImageDecoder(DecoderLimits.DEFAULT);
  private final WorkerSettings settings =
      new WorkerSettings(
          8, Duration.ofMillis(50), 3, Duration.ofMillis(10), Duration.ofMillis(50), 2);

  @BeforeEach
  void setUp() {
    queue = new LocalTaskQueue(new LocalQueueConfig(dir.resolve("queue"), Duration.ofSeconds(30)));
    statuses = new LocalTaskStatusStore(dir.resolve("queue"));
    objects = new FilesystemObjectStore(dir.resolve("objects"));
    lucene = LuceneVectorIndex.open(dir.resolve("index"), "colour-test", 3);
    index = new FlakyIndex(lucene);
    uploads = new UploadService(decoder, objects, queue, statuses, Clock.systemUTC());
    worker = workerWith(new ColourEmbedder());
  }

  private IngestWorker workerWith(Embedder embedder) {
    return new IngestWorker(
        queue,
        statuses,
        objects,
        ModelSlot.of(embedder, index),
        decoder,
        Thumbnailer.defaults(),
        settings,
        Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    lucene.close();
    queue.close();
    statuses.close();
  }

  @Test
  void acceptedImagesEndIndexedWithThumbnailsAndSuccess() {
    AcceptedUpload red = uploads.accept(png(Color.RED), "red.png", Set.of("colours"));
    AcceptedUpload green = uploads.accept(png(Color.GREEN), "green.png", Set.of());

    drain();

    assertThat(state(red)).isEqualTo(TaskState.SUCCESS);
    assertThat(state(green)).isEqualTo(TaskState.SUCCESS);
    assertThat(lucene.count()).isEqualTo(2);
    // A PNG's thumbnail is a PNG; an image that fits the thumbnail gets no double one.
    assertThat(objects.stat(red.imageId().thumbnailKey()).orElseThrow().contentType())
        .isEqualTo("image/png");
    assertThat(objects.stat(red.imageId().doubleThumbnailKey())).isEmpty();
    IndexedImage stored = lucene.get(red.imageId()).orElseThrow();
    assertThat(stored.metadata().fileName()).isEqualTo("red.png");
    assertThat(stored.metadata().tags()).containsExactly("colours");
    assertThat(stored.metadata().mimeType()).isEqualTo("image/png");
    List<SearchHit> hits =
        lucene.search(VectorQuery.topK(new ColourEmbedder().embedText("red"), 1));
    assertThat(hits.getFirst().id()).isEqualTo(red.imageId());
  }

  @Test
  void theModelsInputIsPreparedOnThePreparingThreadsAndTheModelThreadOnlyEmbeds() {
    PreparingEmbedder embedder = new PreparingEmbedder();
    worker.close();
    worker = workerWith(embedder);
    AcceptedUpload red = uploads.accept(png(Color.RED), "red.png", Set.of());
    AcceptedUpload green = uploads.accept(jpeg(Color.GREEN), "green.jpg", Set.of());

    drain();

    assertThat(state(red)).isEqualTo(TaskState.SUCCESS);
    assertThat(state(green)).isEqualTo(TaskState.SUCCESS);
    assertThat(embedder.preparedOn).hasSize(2).allMatch(name -> name.startsWith("ingest-prepare-"));
    assertThat(embedder.embeddedInputs.get()).isEqualTo(2);
    List<SearchHit> hits =
        lucene.search(VectorQuery.topK(new ColourEmbedder().embedText("green"), 1));
    assertThat(hits.getFirst().id()).isEqualTo(green.imageId());
  }

  @Test
  void batchUploadAcceptsTheImagesAndRefusesTheRestEachOnItsOwn() {
    UploadService.BatchOutcome outcome =
        uploads.acceptAll(
            List.of(
                new UploadService.Upload(() -> png(Color.RED), "red.png"),
                new UploadService.Upload(() -> "not an image".getBytes(), "notes.txt"),
                new UploadService.Upload(() -> jpeg(Color.GREEN), "green.jpg")),
            Set.of("batch"));

    assertThat(outcome.accepted())
        .extracting(AcceptedUpload::fileName)
        .containsExactly("red.png", "green.jpg");
    assertThat(outcome.refused())
        .extracting(UploadService.Refused::fileName)
        .containsExactly("notes.txt");
    assertThat(outcome.refused().getFirst().reason())
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT));
    assertThat(queue.backlog()).isEqualTo(2);
    outcome.accepted().forEach(upload -> assertThat(state(upload)).isEqualTo(TaskState.PENDING));

    drain();

    outcome.accepted().forEach(upload -> assertThat(state(upload)).isEqualTo(TaskState.SUCCESS));
    assertThat(lucene.count()).isEqualTo(2);
  }

  @Test
  void aLargeBatchIsStoredInBoundedWritesAndTheSameBytesOnlyOnce() {
    RecordingStore recording = new RecordingStore(objects);
    UploadService bounded =
        new UploadService(decoder, recording, queue, statuses, Clock.systemUTC());
    List<UploadService.Upload> files = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      byte[] bytes = png(new Color(i * 3, 40, 90));
      files.add(new UploadService.Upload(() -> bytes, "shade-" + i + ".png"));
      if (i == 0) {
        files.add(new UploadService.Upload(() -> bytes, "shade-0-again.png"));
      }
    }

    UploadService.BatchOutcome outcome = bounded.acceptAll(files, Set.of());

    assertThat(outcome.accepted()).hasSize(71);
    assertThat(outcome.accepted().get(1).imageId()).isEqualTo(outcome.accepted().get(0).imageId());
    // 64 files at most per write; the repeated bytes were written once.
    assertThat(recording.writeSizes).containsExactly(64, 6);
    outcome
        .accepted()
        .forEach(upload -> assertThat(objects.stat(upload.imageId().imageKey())).isPresent());
    assertThat(queue.backlog()).isEqualTo(71);
  }

  /** Delegates to a store and records the size of each {@link ObjectStore#putAll}. */
  private static final class RecordingStore implements ObjectStore {
    private final ObjectStore delegate;
    private final List<Integer> writeSizes = new ArrayList<>();

    RecordingStore(ObjectStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public void putAll(List<NewObject> objects) {
      writeSizes.add(objects.size());
      delegate.putAll(objects);
    }

    @Override
    public void put(String key, InputStream content, long size, String contentType) {
      delegate.put(key, content, size, contentType);
    }

    @Override
    public Optional<StoredObject> stat(String key) {
      return delegate.stat(key);
    }

    @Override
    public Optional<InputStream> open(String key) {
      return delegate.open(key);
    }

    @Override
    public boolean delete(String key) {
      return delegate.delete(key);
    }

    @Override
    public List<String> list(String prefix, String startAfter, int limit) {
      return delegate.list(prefix, startAfter, limit);
    }
  }

  @Test
  void batchThatCannotBeQueuedIsReportedAndMarkedNotQueued() {
    TaskQueue down = new QueueThatRefusesTasks(queue);
    UploadService failing = new UploadService(decoder, objects, down, statuses, Clock.systemUTC());

    assertThatThrownBy(
            () ->
                failing.acceptAll(
                    List.of(
                        new UploadService.Upload(() -> png(Color.RED), "red.png"),
                        new UploadService.Upload(() -> png(Color.BLUE), "blue.png")),
                    Set.of()))
        .isInstanceOf(DependencyUnavailableException.class);

    assertThat(queue.backlog()).isZero();
    List<TaskStatus> recorded = statuses.recent(10);
    assertThat(recorded).hasSize(2);
    assertThat(recorded)
        .allSatisfy(
            status -> {
              assertThat(status.state()).isEqualTo(TaskState.FAILURE);
              assertThat(status.error()).get().asString().contains("not queued, upload again");
            });
  }

  /** The local queue, except that it refuses new tasks as a queue server that is down would. */
  private record QueueThatRefusesTasks(TaskQueue delegate) implements TaskQueue {
    @Override
    public void enqueue(IngestTask task) {
      throw new IllegalStateException("connection refused");
    }

    @Override
    public void enqueueAll(List<IngestTask> tasks) {
      throw new IllegalStateException("connection refused");
    }

    @Override
    public List<Delivery> poll(String consumer, int max, Duration wait) {
      return delegate.poll(consumer, max, wait);
    }

    @Override
    public void acknowledge(Delivery delivery) {
      delegate.acknowledge(delivery);
    }

    @Override
    public void retryLater(Delivery delivery, Duration backoff, String reason) {
      delegate.retryLater(delivery, backoff, reason);
    }

    @Override
    public void release(Delivery delivery) {
      delegate.release(delivery);
    }

    @Override
    public void deadLetter(Delivery delivery, String reason) {
      delegate.deadLetter(delivery, reason);
    }

    @Override
    public long backlog() {
      return delegate.backlog();
    }

    @Override
    public Optional<Instant> oldestAcceptedAt() {
      return delegate.oldestAcceptedAt();
    }
  }

  @Test
  void sameBytesTwiceGiveOneIndexEntryAndTwoSuccesses() {
    byte[] bytes = png(Color.BLUE);
    AcceptedUpload first = uploads.accept(bytes, "a.png", Set.of());
    AcceptedUpload second = uploads.accept(bytes, "b.png", Set.of());

    drain();

    assertThat(first.imageId()).isEqualTo(second.imageId());
    assertThat(state(first)).isEqualTo(TaskState.SUCCESS);
    assertThat(state(second)).isEqualTo(TaskState.SUCCESS);
    assertThat(lucene.count()).isEqualTo(1);
  }

  @Test
  void poisonImageFailsForGoodWithoutBlockingTheRest() {
    byte[] good = png(Color.RED);
    byte[] jpeg = jpeg(Color.GREEN);
    // The header is intact, so the upload is accepted; the pixel data is cut off.
    byte[] poison = Arrays.copyOf(jpeg, jpeg.length * 4 / 5);
    AcceptedUpload bad = uploads.accept(poison, "poison.jpg", Set.of());
    AcceptedUpload ok = uploads.accept(good, "good.png", Set.of());

    drain();

    TaskStatus failed = statuses.get(bad.taskId()).orElseThrow();
    assertThat(failed.state()).isEqualTo(TaskState.FAILURE);
    assertThat(failed.error()).get().asString().contains("cannot be processed").contains("JPEG");
    assertThat(queue.deadLetters(10)).hasSize(1);
    assertThat(state(ok)).isEqualTo(TaskState.SUCCESS);
    assertThat(queue.backlog()).isZero();
  }

  @Test
  void aFailingIndexIsRetriedAndTheTaskStillSucceeds() {
    index.failNext(1);
    AcceptedUpload upload = uploads.accept(png(Color.RED), "red.png", Set.of());

    worker.runOnce("w");
    TaskStatus retrying = statuses.get(upload.taskId()).orElseThrow();
    assertThat(retrying.state()).isEqualTo(TaskState.PENDING);
    assertThat(retrying.error()).get().asString().contains("index unavailable");

    drain();

    assertThat(state(upload)).isEqualTo(TaskState.SUCCESS);
    assertThat(lucene.count()).isEqualTo(1);
  }

  @Test
  void aTaskIsGivenUpAfterMaxAttemptsWithTheReason() {
    index.failNext(Integer.MAX_VALUE);
    AcceptedUpload upload = uploads.accept(png(Color.RED), "red.png", Set.of());

    drain();

    TaskStatus status = statuses.get(upload.taskId()).orElseThrow();
    assertThat(status.state()).isEqualTo(TaskState.FAILURE);
    assertThat(status.error())
        .get()
        .asString()
        .contains("gave up after 3 attempts")
        .contains("index unavailable");
    assertThat(queue.backlog()).isZero();
  }

  @Test
  void missingBytesFailWithAClearReason() {
    AcceptedUpload upload = uploads.accept(png(Color.RED), "red.png", Set.of());
    objects.delete(upload.imageId().imageKey());

    drain();

    assertThat(statuses.get(upload.taskId()).orElseThrow().error())
        .get()
        .asString()
        .contains("missing from the object store");
  }

  @Test
  void aModelClosedUnderTheWorkerGivesTheTasksBackInsteadOfFailingThem() {
    worker.close();
    worker = workerWith(new ClosedEmbedder());
    AcceptedUpload red = uploads.accept(png(Color.RED), "red.png", Set.of());
    AcceptedUpload green = uploads.accept(png(Color.GREEN), "green.png", Set.of());

    assertThat(worker.runOnce("w")).isEqualTo(2);

    for (AcceptedUpload upload : List.of(red, green)) {
      TaskStatus status = statuses.get(upload.taskId()).orElseThrow();
      assertThat(status.state()).isEqualTo(TaskState.PENDING);
      assertThat(status.attempts()).as("the attempt does not count").isZero();
      assertThat(status.error()).isEmpty();
    }
    assertThat(queue.deadLetters(10)).isEmpty();
    // Due again at once, on the same attempt, and the next worker finishes them.
    assertThat(queue.poll("next", 10, Duration.ZERO))
        .hasSize(2)
        .allSatisfy(
            delivery -> {
              assertThat(delivery.attempt()).isEqualTo(1);
              queue.release(delivery);
            });
    worker.close();
    worker = workerWith(new ColourEmbedder());
    drain();
    assertThat(statuses.get(red.taskId()).orElseThrow().attempts()).isEqualTo(1);
    assertThat(state(red)).isEqualTo(TaskState.SUCCESS);
    assertThat(state(green)).isEqualTo(TaskState.SUCCESS);
  }

  /** An embedder closed before the worker's forward pass, as at the end of a shutdown. */
  private static final class ClosedEmbedder extends ColourEmbedder {
    @Override
    public List<float[]> embedImages(List<BufferedImage> images) {
      throw new EmbedderClosedException("the model colour-test is closed: the process is stopping");
    }
  }

  @Test
  void aPipelineClaimsTheNextBatchWhileFinishingOneAndDrainFinishesIt() {
    List<AcceptedUpload> accepted = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      accepted.add(uploads.accept(png(new Color(i * 12, 255 - i * 12, 80)), i + ".png", Set.of()));
    }
    IngestWorker.Pipeline pipeline = worker.pipeline("w");

    assertThat(pipeline.step()).isEqualTo(8);
    // The first step finished 8 and already claimed the next 8: 12 remain in the backlog, and
    // another consumer finds only the 4 nobody has claimed.
    assertThat(queue.backlog()).isEqualTo(12);
    assertThat(queue.poll("other", 20, Duration.ZERO)).hasSize(4);

    pipeline.drain();

    assertThat(queue.backlog()).as("only the 4 claimed by the other consumer").isEqualTo(4);
    assertThat(accepted.stream().filter(a -> state(a) == TaskState.SUCCESS)).hasSize(16);
    assertThat(lucene.count()).isEqualTo(16);
  }

  @Test
  void aSmallBatchClaimedAheadIsToppedUpWithWhatArrivedSince() {
    for (int i = 0; i < 9; i++) {
      uploads.accept(png(new Color(i * 20, 1, 1)), "a" + i + ".png", Set.of());
    }
    IngestWorker.Pipeline pipeline = worker.pipeline("w");
    // 8 processed; the ninth, the only one left, was claimed ahead as a batch of 1.
    assertThat(pipeline.step()).isEqualTo(8);
    for (int i = 0; i < 10; i++) {
      uploads.accept(png(new Color(1, i * 20, 1)), "b" + i + ".png", Set.of());
    }

    assertThat(pipeline.step()).as("the batch of 1 topped up to 8").isEqualTo(8);
    assertThat(pipeline.step()).as("the 3 left, claimed ahead").isEqualTo(3);
    assertThat(queue.backlog()).isZero();
    assertThat(lucene.count()).isEqualTo(19);
  }

  private void drain() {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (queue.backlog() > 0 && System.nanoTime() < deadline) {
      worker.runOnce("w");
    }
    assertThat(queue.backlog()).as("the queue drains").isZero();
  }

  private TaskState state(AcceptedUpload upload) {
    return statuses.get(upload.taskId()).orElseThrow().state();
  }

  private static byte[] png(Color colour) {
    return encode(colour, "png");
  }

  private static byte[] jpeg(Color colour) {
    return encode(colour, "jpg");
  }

  private static byte[] encode(Color colour, String format) {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, 64, 48);
    g.setColor(Color.WHITE);
    g.fillRect(5, 5, 10, 10);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, format, out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** Wraps an index and fails the next N upserts, as a server outage would. */
  static final class FlakyIndex extends DelegatingIndex {
    private final AtomicInteger failures = new AtomicInteger();

    FlakyIndex(VectorIndex delegate) {
      super(delegate);
    }

    void failNext(int n) {
      failures.set(n);
    }

    @Override
    public void upsert(List<IndexedImage> images) {
      if (failures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
        throw new IllegalStateException("index unavailable");
      }
      super.upsert(images);
    }
  }

  /**
   * Embeds through {@link Embedder#prepareImage} and {@link Embedder#embedPrepared} only: the
   * colour is taken on the preparing thread, and the whole-image method fails if called.
   */
  private static final class PreparingEmbedder implements Embedder {
    private final ColourEmbedder colours = new ColourEmbedder();
    final List<String> preparedOn = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger embeddedInputs = new AtomicInteger();

    private record Colour(float[] vector) implements ImageInput {}

    @Override
    public ImageInput prepareImage(BufferedImage image) {
      preparedOn.add(Thread.currentThread().getName());
      return new Colour(colours.embedImages(List.of(image)).getFirst());
    }

    @Override
    public List<float[]> embedPrepared(List<ImageInput> inputs) {
      embeddedInputs.addAndGet(inputs.size());
      return inputs.stream().map(input -> ((Colour) input).vector()).toList();
    }

    @Override
    public List<float[]> embedImages(List<BufferedImage> images) {
      throw new AssertionError("the worker must embed prepared inputs");
    }

    @Override
    public String modelId() {
      return colours.modelId();
    }

    @Override
    public int dimension() {
      return colours.dimension();
    }

    @Override
    public float[] embedText(String text) {
      return colours.embedText(text);
    }

    @Override
    public void close() {}
  }
}
