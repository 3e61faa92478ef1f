package io.imagesearch.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.port.Embedder;
import io.imagesearch.core.task.IngestTask;
import io.imagesearch.core.task.TaskId;
import io.imagesearch.core.task.TaskState;
import io.imagesearch.core.task.TaskStatus;
import io.imagesearch.embedder.ClipModelSpecReader;
import io.imagesearch.embedder.DjlClipEmbedder;
import io.imagesearch.embedder.EmbedderOptions;
import io.imagesearch.embedder.ModelFormat;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.imaging.Thumbnailer;
import io.imagesearch.queue.local.DeadLetter;
import io.imagesearch.queue.local.LocalTaskQueue;
import io.imagesearch.queue.local.LocalTaskStatusStore;
import io.imagesearch.storage.local.FilesystemObjectStore;
import io.imagesearch.storage.local.LuceneVectorIndex;
import io.imagesearch.testsupport.HostileImages;
import io.imagesearch.testsupport.RepositoryRoot;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files reach the worker (queued as if accepted under looser limits, or by an older
 * version) alongside ordinary ones, embedded by the project's tiny CLIP model: each hostile one
 * ends FAILURE with its reason and in the dead letters, every ordinary one ends SUCCESS, and no
 * task is left PENDING or STARTED.
 */
class HostileIngestTest {

  private static final long GIB = 1L << 30;
  private static DjlClipEmbedder clip;

  @TempDir Path dir;
  private LocalAdapters local;
  private LocalTaskQueue queue;
  private LocalTaskStatusStore statuses;
  private FilesystemObjectStore objects;
  private LuceneVectorIndex index;
  private final List<IngestWorker> workers = new ArrayList<>();
  private final WorkerSettings settings =
      new WorkerSettings(
          8, Duration.ofMillis(50), 3, Duration.ofMillis(10), Duration.ofMillis(50), 2);

  @BeforeAll
  static void loadModel() {
    Path model = RepositoryRoot.find().resolve("models/tiny-clip");
    clip =
        DjlClipEmbedder.load(
            ClipModelSpecReader.read(model, ModelFormat.ONNX), new EmbedderOptions(8, 1, 2));
  }

  @AfterAll
  static void closeModel() {
    clip.close();
  }

  @BeforeEach
  void setUp() {
    use(dir, Duration.ofSeconds(30));
  }

  private void use(Path folder, Duration visibilityTimeout) {
    local = new LocalAdapters(folder, visibilityTimeout, clip.modelId(), clip.dimension());
    queue = local.queue;
    statuses = local.statuses;
    objects = local.objects;
    index = local.index;
  }

  @AfterEach
  void tearDown() {
    workers.forEach(IngestWorker::close);
    local.close();
  }

  @Test
  void eachHostileFileFailsAloneWithItsReasonAndTheRestOfItsBatchSucceeds() {
    Map<String, byte[]> hostile = new LinkedHashMap<>();
    hostile.put("2x25000000.png", HostileImages.greyPng(2, 25_000_000));
    hostile.put("2x5000000.png", HostileImages.greyPng(2, 5_000_000));
    hostile.put("ztxt-1gib.png", HostileImages.zTxtBomb(GIB));
    hostile.put("itxt-1gib.png", HostileImages.iTxtBomb(GIB));
    hostile.put("iccp-1gib.png", HostileImages.iccpBomb(GIB));
    hostile.put("profile-2gb.webp", HostileImages.webpDeclaringProfile(0x7FFF_FFF0L));
    hostile.put("truncated.png", HostileImages.truncated(HostileImages.ordinary("png"), 0.6));
    hostile.put("truncated.jpg", HostileImages.truncated(HostileImages.ordinary("jpg"), 0.5));
    Map<String, TaskId> hostileTasks = new LinkedHashMap<>();
    List<TaskId> ordinaryTasks = new ArrayList<>();
    // Interleaved, so every batch holds both kinds.
    for (Map.Entry<String, byte[]> file : hostile.entrySet()) {
      hostileTasks.put(file.getKey(), queued(file.getValue(), file.getKey()));
      ordinaryTasks.add(queued(ordinary(hostileTasks.size()), "ordinary.png"));
    }

    drain(worker(clip, DecoderLimits.DEFAULT));

    hostileTasks.forEach(
        (name, task) -> {
          TaskStatus status = statuses.get(task).orElseThrow();
          assertThat(status.state()).as(name).isEqualTo(TaskState.FAILURE);
          assertThat(status.error()).as(name).get().asString().contains("cannot be processed");
        });
    assertThat(statuses.get(hostileTasks.get("2x25000000.png")).orElseThrow().error())
        .get()
        .asString()
        .contains("1:12,500,000 exceeds 1:100");
    assertThat(statuses.get(hostileTasks.get("ztxt-1gib.png")).orElseThrow().error())
        .get()
        .asString()
        .contains("metadata");
    ordinaryTasks.forEach(task -> assertThat(state(task)).isEqualTo(TaskState.SUCCESS));
    assertThat(queue.deadLetters(100))
        .extracting(dead -> dead.task().taskId())
        .containsExactlyInAnyOrderElementsOf(hostileTasks.values());
    assertThat(index.count()).isEqualTo(ordinaryTasks.size());
  }

  @Test
  void aThinStripAcceptedUnderLooseLimitsIsEmbeddedWithWorkBoundedByTheModelsInput() {
    DecoderLimits loose = new DecoderLimits(50L << 20, 50_000_000L, 2, Integer.MAX_VALUE, 1L << 20);
    TaskId strip = queued(HostileImages.greyPng(2, 5_000_000), "2x5000000.png");
    TaskId ordinary = queued(ordinary(1), "ordinary.png");

    drain(worker(clip, loose));

    assertThat(state(strip)).isEqualTo(TaskState.SUCCESS);
    assertThat(state(ordinary)).isEqualTo(TaskState.SUCCESS);
    assertThat(objects.stat(imageOf(strip).thumbnailKey())).isPresent();
  }

  @Test
  void anErrorWhilePreparingOneImageFailsThatImageOnly() {
    TaskId poisoned = queued(ordinary(97), "poisoned.png");
    TaskId healthy = queued(ordinary(1), "healthy.png");

    drain(worker(new FailingEmbedder(clip, FailingEmbedder.Step.PREPARE), DecoderLimits.DEFAULT));

    assertThat(state(healthy)).isEqualTo(TaskState.SUCCESS);
    TaskStatus failed = statuses.get(poisoned).orElseThrow();
    assertThat(failed.state()).isEqualTo(TaskState.FAILURE);
    assertThat(failed.error()).get().asString().contains("preparing").contains("OutOfMemoryError");
    assertThat(queue.deadLetters(10)).extracting(d -> d.task().taskId()).containsExactly(poisoned);
  }

  @Test
  void aForwardPassThatFailsIsRetriedImageByImageAndOnlyTheCulpritFails() {
    List<TaskId> healthy = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      healthy.add(queued(ordinary(i + 1), "healthy-" + i + ".png"));
    }
    TaskId poisoned = queued(ordinary(97), "poisoned.png");
    for (int i = 3; i < 6; i++) {
      healthy.add(queued(ordinary(i + 1), "healthy-" + i + ".png"));
    }

    drain(worker(new FailingEmbedder(clip, FailingEmbedder.Step.EMBED), DecoderLimits.DEFAULT));

    healthy.forEach(task -> assertThat(state(task)).isEqualTo(TaskState.SUCCESS));
    TaskStatus failed = statuses.get(poisoned).orElseThrow();
    assertThat(failed.state()).isEqualTo(TaskState.FAILURE);
    assertThat(failed.error()).get().asString().contains("embedding").contains("OutOfMemoryError");
    assertThat(index.count()).isEqualTo(healthy.size());
  }

  @Test
  void aTaskDeliveredMoreTimesThanAllowedFailsWhenHandedOutAndIsNotProcessed() {
    local.close();
    use(dir.resolve("short-claims"), Duration.ofMillis(200));
    TaskId abandoned = queued(ordinary(1), "abandoned.png");
    // Workers that took it and died: each claim lapses after the visibility timeout.
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      assertThat(queue.poll("crashed-" + attempt, 1, Duration.ofSeconds(5))).hasSize(1);
    }

    drain(worker(clip, DecoderLimits.DEFAULT));

    TaskStatus status = statuses.get(abandoned).orElseThrow();
    assertThat(status.state()).isEqualTo(TaskState.FAILURE);
    assertThat(status.error())
        .get()
        .asString()
        .contains("delivered 4 times, more than the 3 attempts allowed");
    assertThat(index.count()).isZero();
    List<DeadLetter> dead = queue.deadLetters(10);
    assertThat(dead).extracting(d -> d.task().taskId()).containsExactly(abandoned);
  }

  private IngestWorker worker(Embedder embedder, DecoderLimits limits) {
    IngestWorker worker =
        new IngestWorker(
            queue,
            statuses,
            objects,
            ModelSlot.of(embedder, index),
            new ImageDecoder(limits),
            Thumbnailer.defaults(),
            settings,
            Clock.systemUTC());
    workers.add(worker);
    return worker;
  }

  /** Stores the bytes and queues their task, as an upload under looser limits would have. */
  private TaskId queued(byte[] bytes, String fileName) {
    ImageId id = ImageId.of(bytes);
    objects.put(id.imageKey(), new ByteArrayInputStream(bytes), bytes.length, "image/png");
    IngestTask task =
        new IngestTask(TaskId.random(), id, fileName, Set.of(), Clock.systemUTC().instant());
    statuses.put(TaskStatus.pending(task, task.acceptedAt()));
    queue.enqueue(task);
    return task.taskId();
  }

  private ImageId imageOf(TaskId task) {
    return statuses.get(task).orElseThrow().imageId();
  }

  private void drain(IngestWorker worker) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (queue.backlog() > 0 && System.nanoTime() < deadline) {
      worker.runOnce("w");
    }
    assertThat(queue.backlog()).as("the queue drains").isZero();
  }

  private TaskState state(TaskId task) {
    return statuses.get(task).orElseThrow().state();
  }

  /** A 96 x 64 image, or 97 x 64 for {@code n} = 97: the width {@link FailingEmbedder} fails. */
  private static byte[] ordinary(int n) {
    int width = n == FailingEmbedder.POISON_WIDTH ? n : 96;
    BufferedImage image = new BufferedImage(width, 64, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, (n * 37 + x) << 16 | (n * 11 + y) << 8 | n * 5);
      }
    }
    return HostileImages.encode(image, "png");
  }
}
