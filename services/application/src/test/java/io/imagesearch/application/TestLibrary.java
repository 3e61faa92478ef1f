package io.imagesearch.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.model.GateResult;
import io.imagesearch.core.model.GoldenQuery;
import io.imagesearch.core.model.Migration;
import io.imagesearch.core.model.ModelState;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.imaging.Thumbnailer;
import io.imagesearch.queue.local.LocalQueueConfig;
import io.imagesearch.queue.local.LocalTaskQueue;
import io.imagesearch.queue.local.LocalTaskStatusStore;
import io.imagesearch.storage.local.FileModelStateStore;
import io.imagesearch.storage.local.FilesystemObjectStore;
import io.imagesearch.testsupport.SettableClock;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A library in a folder with the embedded adapters, and the use cases wired on it as the apps wire
 * them; {@link #start} and {@link #stop} are a process starting and stopping on it.
 */
final class TestLibrary implements AutoCloseable {

  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  static final Duration RETENTION = Duration.ofDays(7);

  final SettableClock clock = new SettableClock(T0);
  final FilesystemObjectStore objects;
  final LocalTaskQueue queue;
  final LocalTaskStatusStore statuses;
  final FileModelStateStore states;
  final TestModelLoader loader;
  final ImageDecoder decoder = new ImageDecoder(DecoderLimits.DEFAULT);
  final List<GateResult> gates = new CopyOnWriteArrayList<>();
  final UploadService uploads;

  ReindexSettings reindexSettings = new ReindexSettings(4, 2, true, 0);
  GateSettings gateSettings = new GateSettings(5, 20, OptionalDouble.empty(), 0);
  List<GoldenQuery> golden = List.of();

  ModelSlot slot;
  IngestWorker worker;
  SearchService search;
  LibraryReindex reindex;
  ModelMigration migration;

  TestLibrary(Path dir, TestModelLoader loader) {
    this.objects = new FilesystemObjectStore(dir.resolve("objects"));
    this.queue =
        new LocalTaskQueue(new LocalQueueConfig(dir.resolve("queue"), Duration.ofSeconds(30)));
    this.statuses = new LocalTaskStatusStore(dir.resolve("queue"));
    this.states = new FileModelStateStore(dir.resolve("model-state.properties"));
    this.loader = loader;
    this.uploads = new UploadService(decoder, objects, queue, statuses, clock);
  }

  /** A process starting with {@code location} configured; the migration is not taken up yet. */
  TestLibrary open(String location) {
    slot = new ModelStartup(states, loader, clock, RETENTION).open(location, "TEST");
    worker =
        new IngestWorker(
            queue,
            statuses,
            objects,
            slot,
            decoder,
            Thumbnailer.defaults(),
            new WorkerSettings(
                8, Duration.ofMillis(20), 3, Duration.ofMillis(10), Duration.ofMillis(50), 2),
            clock);
    search = new SearchService(slot, objects, decoder);
    reindex =
        new LibraryReindex(objects, queue, decoder, Thumbnailer.defaults(), reindexSettings, clock);
    migration =
        new ModelMigration(
            slot,
            states,
            loader,
            reindex,
            new RecallGate(objects, decoder, gateSettings, clock),
            () -> golden,
            new MigrationSettings(RETENTION, Duration.ofMillis(50), Duration.ofMillis(20)),
            clock,
            (current, candidate, result) -> gates.add(result),
            ModelMigration.Sharing.alone());
    return this;
  }

  /** Opens and takes the migration up, as a started app does. */
  TestLibrary start(String location) {
    open(location);
    migration.start();
    return this;
  }

  void stop() {
    if (migration != null) {
      migration.close();
      worker.close();
      slot.close();
      migration = null;
    }
  }

  ModelState state() {
    return states.read().orElseThrow();
  }

  /** Uploads the images and runs the worker until the queue is empty. */
  List<ImageId> ingest(List<byte[]> images) {
    List<ImageId> ids = new ArrayList<>();
    for (byte[] image : images) {
      ids.add(uploads.accept(image, "image.png", Set.of("t")).imageId());
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (queue.backlog() > 0 && System.nanoTime() < deadline) {
      worker.runOnce("w");
    }
    assertThat(queue.backlog()).as("the queue drains").isZero();
    return ids;
  }

  /** Waits until the migration switched (searches use the new model) or was refused. */
  void awaitMigrationSettled() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Migration> m = migration.status().migration().map(s -> s.migration());
      if (m.isEmpty() || m.get().phase() == Migration.Phase.REFUSED) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("the migration did not settle: " + state());
  }

  /** {@code n} reddish, greenish and bluish PNGs each, all different bytes. */
  static List<byte[]> colours(int n) {
    List<byte[]> images = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      images.add(TestPngs.solid(new Color(200 + i, 10 + i, 10)));
      images.add(TestPngs.solid(new Color(10, 200 + i, 10 + i)));
      images.add(TestPngs.solid(new Color(10 + i, 10, 200 + i)));
    }
    return images;
  }

  @Override
  public void close() {
    stop();
    queue.close();
    statuses.close();
  }
}
