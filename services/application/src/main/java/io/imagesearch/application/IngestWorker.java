package io.imagesearch.application;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.image.ImageMetadata;
import io.imagesearch.core.model.LoadedModel;
import io.imagesearch.core.port.Embedder;
import io.imagesearch.core.port.EmbedderClosedException;
import io.imagesearch.core.port.ObjectStore;
import io.imagesearch.core.port.TaskQueue;
import io.imagesearch.core.port.TaskQueue.Delivery;
import io.imagesearch.core.port.TaskStatusStore;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.task.IngestTask;
import io.imagesearch.core.task.TaskStatus;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.imaging.ImageRejectedException;
import io.imagesearch.imaging.Thumbnailer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one batch of ingest tasks: decode, thumbnail, prepare the model's input, embed
 * together, upsert, then record SUCCESS and acknowledge, in that order, so a crash anywhere leads
 * to a redelivery that redoes the same idempotent work. Images that cannot be decoded fail for
 * good; failures of a server are retried with backoff until the attempts run out.
 *
 * <p>The images of a batch are prepared (read, decoded, thumbnailed, hashed, resized for the model)
 * on {@code prepareThreads} threads: that work is several times the forward pass of a small model
 * and would otherwise leave all but one core idle.
 *
 * <p>Each image is embedded by every model the {@link ModelSlot} holds and written to each one's
 * index (the serving model's first): while a migration builds a candidate's index, and while a
 * previous model is kept for a rollback, their indexes miss no upload.
 *
 * <p>A worker that stops gives its tasks back instead of failing them: when its pipeline is told to
 * ({@link Pipeline#giveBackInFlight}) or the model was closed under it ({@link
 * EmbedderClosedException}), the batch in hand returns to the queue as PENDING, due at once, and
 * the attempt does not count.
 */
public final class IngestWorker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestWorker.class);

  static final String DELETED_DURING_INGEST =
      "the image was deleted while it was being ingested; upload it again to index it";

  private final TaskQueue queue;
  private final TaskStatusStore statuses;
  private final ObjectStore objects;
  private final ModelSlot models;
  private final ImagePreparation preparation;
  private final WorkerSettings settings;
  private final Clock clock;

  public IngestWorker(
      TaskQueue queue,
      TaskStatusStore statuses,
      ObjectStore objects,
      ModelSlot models,
      ImageDecoder decoder,
      Thumbnailer thumbnailer,
      WorkerSettings settings,
      Clock clock) {
    this.queue = queue;
    this.statuses = statuses;
    this.objects = objects;
    this.models = models;
    this.preparation =
        new ImagePreparation(
            objects, decoder, thumbnailer, settings.prepareThreads(), "ingest-prepare-");
    this.settings = settings;
    this.clock = clock;
  }

  /** Polls once and processes what came; returns the number of tasks taken. */
  public int runOnce(String consumer) {
    Batch batch = start(consumer, settings.pollWait(), settings.batchSize());
    return batch == null ? 0 : finish(batch, () -> false);
  }

  /**
   * A worker thread's loop body that overlaps batches: while one batch is embedded, the next is
   * already claimed and being prepared, so the preparing threads and the model are busy at once.
   * Not thread-safe; one per worker thread.
   */
  public Pipeline pipeline(String consumer) {
    return new Pipeline(consumer);
  }

  /** See {@link #pipeline}. */
  public final class Pipeline {
    private final String consumer;
    private Batch next;
    private volatile boolean givingBack;
    private volatile int inHand;

    private Pipeline(String consumer) {
      this.consumer = consumer;
    }

    /** Processes one batch (polling for it if none is waiting); returns its number of tasks. */
    public int step() {
      Batch current =
          next != null ? topUp(next) : start(consumer, settings.pollWait(), settings.batchSize());
      next = null;
      if (current == null) {
        inHand = 0;
        return 0;
      }
      inHand = current.size();
      // Only what is due now: an idle queue must not delay the batch in hand.
      next = start(consumer, Duration.ZERO, settings.batchSize());
      inHand = current.size() + (next == null ? 0 : next.size());
      int done = finish(current, () -> givingBack);
      inHand = next == null ? 0 : next.size();
      return done;
    }

    /**
     * Thread-safe, for a stopping worker out of time: from now on this pipeline gives its batches
     * back to the queue before their forward pass instead of embedding them. A pass already running
     * cannot be interrupted; its batch is finished.
     */
    public void giveBackInFlight() {
      givingBack = true;
    }

    /** Thread-safe: the tasks this pipeline has claimed and not yet finished, about. */
    public int inHand() {
      return inHand;
    }

    /**
     * A batch claimed ahead holds what was due at that moment, perhaps only a few tasks; more may
     * have arrived since. Small batches pay the per-batch costs (a forward pass, an index commit)
     * for few images.
     */
    private Batch topUp(Batch claimed) {
      int room = settings.batchSize() - claimed.deliveries().size();
      Batch more = room > 0 ? start(consumer, Duration.ZERO, room) : null;
      return more == null ? claimed : claimed.plus(more);
    }

    /**
     * Finishes the batch claimed ahead, if any (or gives it back, see {@link #giveBackInFlight}),
     * so stopping leaves no claim to time out.
     */
    public void drain() {
      if (next != null) {
        Batch last = next;
        next = null;
        finish(last, () -> givingBack);
        inHand = 0;
      }
    }
  }

  /** Claims a batch, marks it STARTED and starts preparing its images; null if none came. */
  private Batch start(String consumer, Duration wait, int max) {
    List<Delivery> deliveries = withinAttempts(queue.poll(consumer, max, wait));
    if (deliveries.isEmpty()) {
      return null;
    }
    BatchTimer timer = new BatchTimer();
    // One durable write per batch step (not per task): with small images these writes cost more
    // than the embedding.
    // Kept with the batch: the later status changes derive from it without reading it back.
    List<TaskStatus> started =
        deliveries.stream()
            .map(d -> status(d.task()).started(d.attempt(), clock.instant()))
            .toList();
    statuses.putAll(started);
    // The models held now; one added before the batch is indexed gets its input then.
    List<Embedder> embedders = models.writeTargets().stream().map(LoadedModel::embedder).toList();
    List<Future<Prepared>> preparing = new ArrayList<>(deliveries.size());
    for (int i = 0; i < deliveries.size(); i++) {
      Delivery delivery = deliveries.get(i);
      TaskStatus status = started.get(i);
      preparing.add(preparation.submit(() -> prepare(delivery, status, embedders)));
    }
    timer.lap("started");
    return new Batch(deliveries, started, preparing, timer);
  }

  /**
   * The deliveries still within the attempts allowed; the others fail for good here. A delivery
   * beyond them means earlier attempts never reported back (the worker crashed or stopped while
   * processing it), so processing it again would likely do the same; without this check nothing
   * would ever give it up.
   */
  private List<Delivery> withinAttempts(List<Delivery> deliveries) {
    List<Delivery> allowed = new ArrayList<>(deliveries.size());
    for (Delivery delivery : deliveries) {
      if (delivery.attempt() <= settings.maxAttempts()) {
        allowed.add(delivery);
      } else {
        failForGood(
            delivery,
            status(delivery.task()).started(delivery.attempt(), clock.instant()),
            "delivered "
                + delivery.attempt()
                + " times, more than the "
                + settings.maxAttempts()
                + " attempts allowed: the earlier attempts never finished (the worker stopped or"
                + " crashed while processing this image)");
      }
    }
    return allowed;
  }

  /**
   * Waits for the batch's images, embeds and indexes them; gives the batch back instead of
   * embedding it once {@code givingBack} says so.
   */
  private int finish(Batch batch, BooleanSupplier givingBack) {
    List<Delivery> deliveries = batch.deliveries();
    BatchTimer timer = batch.timer();
    // In a pipeline, the time this batch waited for the previous one to finish.
    timer.lap("queued");
    List<Prepared> prepared = new ArrayList<>();
    for (int i = 0; i < deliveries.size(); i++) {
      Delivery delivery = deliveries.get(i);
      TaskStatus started = batch.started().get(i);
      try {
        prepared.add(batch.preparing().get(i).get());
      } catch (InterruptedException e) {
        // Stopping: the claims lapse and the tasks are delivered again, so nothing is lost.
        batch.preparing().forEach(f -> f.cancel(true));
        Thread.currentThread().interrupt();
        return deliveries.size();
      } catch (ExecutionException e) {
        switch (e.getCause()) {
          case ImageRejectedException rejected ->
              failForGood(
                  delivery, started, "the image cannot be processed: " + rejected.getMessage());
          case MissingImageException missing -> {
            // Deleted: an earlier attempt may have written the thumbnails after the delete ran.
            delivery.task().imageId().thumbnailKeys().forEach(objects::delete);
            failForGood(delivery, started, missing.getMessage());
          }
          case RuntimeException failed -> retry(delivery, started, failed);
          // An Error (OutOfMemoryError above all) is this image's: the decoding memory budget
          // keeps the others from needing the heap it took, and trying again would do the same.
          default -> failOnError(delivery, started, "preparing", e.getCause());
        }
      }
    }
    // With a pipeline this is only the part of preparing that the previous batch did not hide.
    timer.lap("prepare");
    if (!prepared.isEmpty()) {
      embedAndIndex(prepared, timer, givingBack);
    }
    LOG.debug("{}", timer.summary(deliveries.size()));
    return deliveries.size();
  }

  /** A claimed batch: its deliveries, their STARTED statuses and images, index by index. */
  private record Batch(
      List<Delivery> deliveries,
      List<TaskStatus> started,
      List<Future<Prepared>> preparing,
      BatchTimer timer) {

    int size() {
      return deliveries.size();
    }

    Batch plus(Batch other) {
      return new Batch(
          concat(deliveries, other.deliveries()),
          concat(started, other.started()),
          concat(preparing, other.preparing()),
          timer);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
      List<T> all = new ArrayList<>(a);
      all.addAll(b);
      return all;
    }
  }

  private Prepared prepare(Delivery delivery, TaskStatus started, List<Embedder> embedders) {
    IngestTask task = delivery.task();
    PreparedImage image =
        preparation.prepare(task.imageId(), embedders, ImagePreparation.Thumbnails.ALWAYS);
    return new Prepared(
        delivery, started, image, image.metadata(task.fileName(), task.tags(), task.acceptedAt()));
  }

  /**
   * Holds the set of models steady from embedding to upsert: no model added meanwhile misses it.
   */
  private void embedAndIndex(
      List<Prepared> prepared, BatchTimer timer, BooleanSupplier givingBack) {
    models.writing(
        targets -> {
          embedAndIndex(prepared, targets, timer, givingBack);
          return null;
        });
  }

  private void embedAndIndex(
      List<Prepared> prepared,
      List<LoadedModel> targets,
      BatchTimer timer,
      BooleanSupplier givingBack) {
    List<Embedded> batch = embed(prepared, targets, givingBack);
    timer.lap("embed");
    if (batch.isEmpty()) {
      return;
    }
    List<Embedded> deleted;
    try {
      for (int t = 0; t < targets.size(); t++) {
        int target = t;
        targets.get(t).index().upsert(batch.stream().map(b -> b.entry(target)).toList());
      }
      deleted = undoDeleted(batch, targets);
      timer.lap("index");
    } catch (RuntimeException e) {
      batch.forEach(b -> retry(b.prepared().delivery(), b.prepared().started(), e));
      return;
    }
    List<Embedded> indexed = batch.stream().filter(b -> !deleted.contains(b)).toList();
    List<TaskStatus> outcomes = new ArrayList<>(batch.size());
    indexed.forEach(b -> outcomes.add(b.prepared().started().succeeded(clock.instant())));
    deleted.forEach(
        b -> {
          LOG.info(
              "Task {}: image {} was deleted while it was ingested; its entry is removed",
              b.prepared().delivery().task().taskId(),
              b.id());
          outcomes.add(b.prepared().started().failed(DELETED_DURING_INGEST, clock.instant()));
        });
    statuses.putAll(outcomes);
    queue.acknowledgeAll(batch.stream().map(b -> b.prepared().delivery()).toList());
    timer.lap("succeeded");
  }

  /**
   * Removes again the entries (and thumbnails) of images whose bytes are gone: a delete ran while
   * they were ingested. A delete removes the bytes first and the index entries after, so either
   * this check, made after the upserts, sees the bytes gone, or the delete's removal of the entries
   * comes after the upserts; both ways no entry outlives its bytes.
   */
  private List<Embedded> undoDeleted(List<Embedded> batch, List<LoadedModel> targets) {
    List<Embedded> deleted = new ArrayList<>();
    for (Embedded b : batch) {
      ImageId id = b.id();
      if (objects.stat(id.imageKey()).isEmpty()) {
        targets.forEach(target -> target.index().delete(id));
        id.thumbnailKeys().forEach(objects::delete);
        deleted.add(b);
      }
    }
    return deleted;
  }

  /**
   * The vectors of the images by each model, the models in order. An image that one model cannot
   * embed fails (or is retried) and is left out for all. A worker that is stopping gives the images
   * back instead (see {@link #giveBack}).
   */
  private List<Embedded> embed(
      List<Prepared> batch, List<LoadedModel> targets, BooleanSupplier givingBack) {
    if (givingBack.getAsBoolean()) {
      giveBack(batch, "the worker is stopping and its grace period is over");
      return List.of();
    }
    List<Prepared> survivors = batch;
    Map<Prepared, List<float[]>> vectors = new IdentityHashMap<>();
    for (LoadedModel target : targets) {
      List<Vectorised> embedded = embed(withInputs(survivors, target.embedder()), target);
      survivors = embedded.stream().map(Vectorised::prepared).toList();
      embedded.forEach(
          v -> vectors.computeIfAbsent(v.prepared(), p -> new ArrayList<>()).add(v.vector()));
    }
    return survivors.stream().map(p -> new Embedded(p, vectors.get(p))).toList();
  }

  /**
   * Each image with its input for {@code embedder}. A model added to the slot after the batch was
   * prepared (a migration that just started) has none yet: it is made from the stored bytes again.
   */
  private List<Input> withInputs(List<Prepared> batch, Embedder embedder) {
    List<Input> inputs = new ArrayList<>(batch.size());
    for (Prepared p : batch) {
      try {
        inputs.add(
            new Input(
                p,
                p.image()
                    .inputFor(embedder)
                    .orElseGet(() -> preparation.input(p.image().id(), embedder))));
      } catch (RuntimeException e) {
        retry(p.delivery(), p.started(), e);
      } catch (Error e) {
        failOnError(p.delivery(), p.started(), "preparing", e);
      }
    }
    return inputs;
  }

  /**
   * The vectors of the images by one model, in one forward pass. When the pass fails, the images
   * are embedded one by one, so that one image the model cannot take fails alone and the rest go
   * on. A model closed under the pass (the worker is stopping) gives the images back.
   */
  private List<Vectorised> embed(List<Input> batch, LoadedModel target) {
    if (batch.isEmpty()) {
      return List.of();
    }
    List<float[]> vectors;
    try {
      vectors = target.embedder().embedPrepared(batch.stream().map(Input::input).toList());
    } catch (EmbedderClosedException closed) {
      giveBack(batch.stream().map(Input::prepared).toList(), closed.getMessage());
      return List.of();
    } catch (RuntimeException | Error e) {
      if (batch.size() > 1) {
        LOG.warn(
            "Embedding a batch of {} images with {} failed ({}); embedding them one by one",
            batch.size(),
            target.ref().describe(),
            e.toString());
        return batch.stream().flatMap(p -> embed(List.of(p), target).stream()).toList();
      }
      Prepared alone = batch.getFirst().prepared();
      switch (e) {
        case RuntimeException failed -> retry(alone.delivery(), alone.started(), failed);
        default -> failOnError(alone.delivery(), alone.started(), "embedding", e);
      }
      return List.of();
    }
    List<Vectorised> embedded = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      embedded.add(new Vectorised(batch.get(i).prepared(), vectors.get(i)));
    }
    return embedded;
  }

  private record Input(Prepared prepared, Embedder.ImageInput input) {}

  private record Vectorised(Prepared prepared, float[] vector) {}

  /** An image with its vector by each model, in the order of the models. */
  private record Embedded(Prepared prepared, List<float[]> vectors) {
    ImageId id() {
      return prepared.delivery().task().imageId();
    }

    IndexedImage entry(int model) {
      return new IndexedImage(id(), vectors.get(model), prepared.metadata());
    }
  }

  /**
   * Returns the tasks to the queue, due again at once, without counting this attempt: nothing is
   * wrong with them, the worker is stopping. PENDING is written first, while the claim still keeps
   * other workers away, so it never overwrites the status of a newer delivery.
   */
  private void giveBack(List<Prepared> batch, String why) {
    LOG.info("Giving {} tasks back to the queue: {}", batch.size(), why);
    statuses.putAll(batch.stream().map(p -> p.started().released(clock.instant())).toList());
    queue.releaseAll(batch.stream().map(Prepared::delivery).toList());
  }

  private void retry(Delivery delivery, TaskStatus current, RuntimeException cause) {
    String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    if (delivery.attempt() >= settings.maxAttempts()) {
      failForGood(
          delivery, current, "gave up after " + delivery.attempt() + " attempts: " + reason);
      return;
    }
    LOG.warn(
        "Task {} attempt {} failed, retrying: {}",
        delivery.task().taskId(),
        delivery.attempt(),
        reason);
    queue.retryLater(delivery, settings.backoffAfter(delivery.attempt()), reason);
    statuses.put(current.retrying(reason, clock.instant()));
  }

  private void failOnError(Delivery delivery, TaskStatus current, String step, Throwable error) {
    LOG.error(
        "Task {}: {} image {} failed",
        delivery.task().taskId(),
        step,
        delivery.task().imageId(),
        error);
    failForGood(delivery, current, step + " the image failed: " + error);
  }

  private void failForGood(Delivery delivery, TaskStatus current, String reason) {
    LOG.warn("Task {} failed: {}", delivery.task().taskId(), reason);
    statuses.put(current.failed(reason, clock.instant()));
    queue.deadLetter(delivery, reason);
  }

  /** Stops the preparing threads; a batch still being prepared is delivered again later. */
  @Override
  public void close() {
    preparation.close();
  }

  /** The stored status, or a fresh PENDING one when it has expired. */
  private TaskStatus status(IngestTask task) {
    return statuses.get(task.taskId()).orElseGet(() -> TaskStatus.pending(task, clock.instant()));
  }

  private record Prepared(
      Delivery delivery, TaskStatus started, PreparedImage image, ImageMetadata metadata) {}
}
