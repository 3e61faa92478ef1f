package io.imagesearch.application;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.image.ImageMetadata;
import io.imagesearch.core.model.LoadedModel;
import io.imagesearch.core.port.Embedder;
import io.imagesearch.core.port.ObjectStore;
import io.imagesearch.core.port.TaskQueue;
import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.LibraryEntry;
import io.imagesearch.core.search.LibraryPosition;
import io.imagesearch.core.search.LibraryQuery;
import io.imagesearch.core.search.SearchFilter;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.imaging.ImageRejectedException;
import io.imagesearch.imaging.Thumbnailer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds every stored original into one model's index: a new model's, while a migration builds it,
 * or the serving model's own, to rebuild an index that was lost. The walk goes through the object
 * store's keys in order, a batch at a time, each image prepared as an upload is ({@link
 * ImagePreparation}), and reports the last key of each batch so its caller can save it: after a
 * crash the walk resumes after it, re-embedding at most the batch that was in flight (upserts by id
 * are idempotent).
 */
public final class LibraryReindex implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LibraryReindex.class);

  /** How often a walk that yields to live ingest looks at the backlog again. */
  private static final Duration BACKLOG_CHECK = Duration.ofMillis(200);

  private final ObjectStore objects;
  private final TaskQueue queue;
  private final ImagePreparation preparation;
  private final ReindexSettings settings;
  private final Clock clock;
  private final AtomicLong embedded = new AtomicLong();

  public LibraryReindex(
      ObjectStore objects,
      TaskQueue queue,
      ImageDecoder decoder,
      Thumbnailer thumbnailer,
      ReindexSettings settings,
      Clock clock) {
    this.objects = objects;
    this.queue = queue;
    this.preparation =
        new ImagePreparation(
            objects, decoder, thumbnailer, settings.prepareThreads(), "reindex-prepare-");
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * What to walk into which index.
   *
   * @param target the model whose index receives the vectors
   * @param known the index whose entries give each image's metadata (file name, tags, upload time),
   *     which the original bytes do not carry
   * @param onlyKnown leave out images {@code known} lacks: while a migration runs, those are still
   *     queued for ingest, which writes them to every model
   * @param startAfter the last key already done, "" to start from the first
   */
  public record Request(
      LoadedModel target, VectorIndex known, boolean onlyKnown, String startAfter) {}

  /** Told after each batch. */
  @FunctionalInterface
  public interface Progress {
    /**
     * @param lastKey the last key of the batch: everything up to it is in the target's index
     * @param walked keys of the batch
     * @param embedded images of the batch embedded and upserted
     */
    void batchDone(String lastKey, int walked, int embedded);
  }

  /** Whether the walk reached the end (or was stopped first), and what it did on the way. */
  public record Outcome(boolean finished, long walked, long embedded) {}

  /** Images stored now: the walk's total, unless uploads or deletes change it meanwhile. */
  public long countImages() {
    long count = 0;
    String after = "";
    List<String> page;
    while (!(page = objects.list(ImageId.IMAGE_KEY_PREFIX, after, 1000)).isEmpty()) {
      count += page.size();
      after = page.getLast();
    }
    return count;
  }

  /** Images embedded by every walk of this process, for metrics. */
  public long embeddedSoFar() {
    return embedded.get();
  }

  /**
   * Walks from {@code request.startAfter()} to the end, or until {@code stop} says so between
   * batches.
   *
   * @throws RuntimeException when a store fails: nothing after the last reported batch counts as
   *     done, so walking again from there is safe
   */
  public Outcome run(Request request, Progress progress, BooleanSupplier stop) {
    String cursor = request.startAfter();
    long walked = 0;
    long done = 0;
    while (!stop.getAsBoolean()) {
      if (!awaitIdleIngest(stop)) {
        break;
      }
      long started = System.nanoTime();
      List<String> keys = objects.list(ImageId.IMAGE_KEY_PREFIX, cursor, settings.batchSize());
      if (keys.isEmpty()) {
        return new Outcome(true, walked, done);
      }
      int batch = indexBatch(keys, request);
      cursor = keys.getLast();
      walked += keys.size();
      done += batch;
      embedded.addAndGet(batch);
      progress.batchDone(cursor, keys.size(), batch);
      keepPace(keys.size(), started);
    }
    return new Outcome(false, walked, done);
  }

  /**
   * Makes {@code request.target()} hold every image {@code request.known()} holds, after a walk
   * that processes without the target (older workers during a rolling update) may have outrun:
   * first the entries created since {@code since}, newest first (what such workers wrote lately);
   * then, when the target still counts fewer entries, every stored key the target lacks. Returns
   * the images embedded.
   */
  public long catchUp(Request request, Instant since, BooleanSupplier stop) {
    VectorIndex known = request.known();
    VectorIndex target = request.target().index();
    long done = 0;
    Optional<LibraryPosition> after = Optional.empty();
    while (!stop.getAsBoolean()) {
      List<LibraryEntry> page =
          known.newest(new LibraryQuery(SearchFilter.NONE, settings.batchSize(), after));
      List<String> missing = new ArrayList<>();
      boolean older = false;
      for (LibraryEntry entry : page) {
        if (entry.metadata().createdAt().isBefore(since)) {
          older = true;
          break;
        }
        if (target.get(entry.id()).isEmpty()) {
          missing.add(entry.id().imageKey());
        }
      }
      done += catchUpBatch(missing, request);
      if (older || page.size() < settings.batchSize()) {
        break;
      }
      LibraryEntry last = page.getLast();
      after = Optional.of(new LibraryPosition(last.metadata().createdAt(), last.id()));
    }
    // Created-at is the photo's own date when it has one: an old photo uploaded lately is not
    // among the newest entries, so the counts decide whether a full comparison is needed.
    if (!stop.getAsBoolean() && target.count() < known.count()) {
      String cursor = "";
      List<String> keys;
      while (!stop.getAsBoolean()
          && !(keys = objects.list(ImageId.IMAGE_KEY_PREFIX, cursor, settings.batchSize()))
              .isEmpty()) {
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
          ImageId.fromImageKey(key)
              .filter(id -> target.get(id).isEmpty())
              .ifPresent(id -> missing.add(key));
        }
        done += catchUpBatch(missing, request);
        cursor = keys.getLast();
      }
    }
    return done;
  }

  private int catchUpBatch(List<String> keys, Request request) {
    if (keys.isEmpty()) {
      return 0;
    }
    int batch = indexBatch(keys, request);
    embedded.addAndGet(batch);
    return batch;
  }

  /** Upserts the batch's images into the target's index; returns how many. */
  private int indexBatch(List<String> keys, Request request) {
    List<Future<PreparedImage>> preparing = new ArrayList<>(keys.size());
    List<Optional<ImageMetadata>> known = new ArrayList<>(keys.size());
    List<Embedder> embedders = List.of(request.target().embedder());
    for (String key : keys) {
      Optional<ImageId> id = ImageId.fromImageKey(key);
      Optional<ImageMetadata> metadata =
          id.flatMap(request.known()::get).map(IndexedImage::metadata);
      if (id.isEmpty() || (request.onlyKnown() && metadata.isEmpty())) {
        continue;
      }
      known.add(metadata);
      preparing.add(
          preparation.submit(
              () ->
                  preparation.prepare(
                      id.get(), embedders, ImagePreparation.Thumbnails.IF_MISSING)));
    }
    List<PreparedImage> prepared = new ArrayList<>(preparing.size());
    List<ImageMetadata> metadata = new ArrayList<>(preparing.size());
    for (int i = 0; i < preparing.size(); i++) {
      Optional<PreparedImage> image = await(preparing, i);
      if (image.isPresent()) {
        prepared.add(image.get());
        // The upload's name, tags and time when an index has them; else what the bytes say.
        metadata.add(
            known
                .get(i)
                .orElseGet(
                    () -> image.get().metadata(image.get().id().hex(), Set.of(), clock.instant())));
      }
    }
    List<IndexedImage> entries = embed(request.target(), prepared, metadata);
    if (entries.isEmpty()) {
      return 0;
    }
    request.target().index().upsert(entries);
    // A delete removes the bytes first: if they are gone now, the entry just written must go too.
    int kept = entries.size();
    for (IndexedImage entry : entries) {
      if (objects.stat(entry.id().imageKey()).isEmpty()) {
        request.target().index().delete(entry.id());
        kept--;
      }
    }
    return kept;
  }

  /**
   * The prepared image, or empty for one that is gone or that cannot be processed (ingest failed it
   * too). A failing store stops the walk: the batch will be walked again.
   */
  private Optional<PreparedImage> await(List<Future<PreparedImage>> preparing, int i) {
    try {
      return Optional.of(preparing.get(i).get());
    } catch (InterruptedException e) {
      preparing.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while preparing images", e);
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case MissingImageException missing -> {
          return Optional.empty();
        }
        case ImageRejectedException rejected -> {
          LOG.warn(
              "Reindex: leaving out an image that cannot be processed: {}", rejected.getMessage());
          return Optional.empty();
        }
        case RuntimeException failed -> {
          preparing.forEach(f -> f.cancel(true));
          throw failed;
        }
        default -> {
          LOG.error("Reindex: leaving out an image whose preparation failed", e.getCause());
          return Optional.empty();
        }
      }
    }
  }

  /** One forward pass; when it fails, one image at a time, leaving out those the model refuses. */
  private static List<IndexedImage> embed(
      LoadedModel target, List<PreparedImage> images, List<ImageMetadata> metadata) {
    if (images.isEmpty()) {
      return List.of();
    }
    Embedder embedder = target.embedder();
    try {
      List<float[]> vectors =
          embedder.embedPrepared(
              images.stream().map(p -> p.inputFor(embedder).orElseThrow()).toList());
      List<IndexedImage> entries = new ArrayList<>(images.size());
      for (int i = 0; i < images.size(); i++) {
        entries.add(new IndexedImage(images.get(i).id(), vectors.get(i), metadata.get(i)));
      }
      return entries;
    } catch (RuntimeException | Error e) {
      if (images.size() == 1) {
        LOG.warn(
            "Reindex: {} cannot embed image {}: {}",
            target.ref().describe(),
            images.getFirst().id(),
            e.toString());
        return List.of();
      }
      List<IndexedImage> entries = new ArrayList<>(images.size());
      for (int i = 0; i < images.size(); i++) {
        entries.addAll(embed(target, List.of(images.get(i)), List.of(metadata.get(i))));
      }
      return entries;
    }
  }

  /** Waits while uploads are queued; false when stopped meanwhile. */
  private boolean awaitIdleIngest(BooleanSupplier stop) {
    while (settings.yieldToIngest() && queue.backlog() > 0) {
      if (stop.getAsBoolean() || !sleep(BACKLOG_CHECK)) {
        return false;
      }
    }
    return true;
  }

  private void keepPace(int images, long startedNanos) {
    if (settings.maxImagesPerSecond() <= 0) {
      return;
    }
    long due = startedNanos + (long) (images / settings.maxImagesPerSecond() * 1e9);
    long wait = due - System.nanoTime();
    if (wait > 0) {
      sleep(Duration.ofNanos(wait));
    }
  }

  private static boolean sleep(Duration duration) {
    try {
      Thread.sleep(duration);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    preparation.close();
  }
}
