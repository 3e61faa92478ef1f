package io.imagesearch.application;

import io.imagesearch.core.model.LoadedModel;
import io.imagesearch.core.model.ModelRef;
import io.imagesearch.core.port.Embedder;
import io.imagesearch.core.port.VectorIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The models a process holds: the one that serves, the candidate a migration is building and the
 * previous one a rollback returns to. A search takes the serving model once, embedder and index
 * together, so a query is never embedded by one model and run against another's index; a switch is
 * one swap of that reference.
 *
 * <p>Writes (an ingested image, a delete) go to every model held, so the candidate is complete at
 * the switch and the previous model still is at a rollback. A writer holds the set of models steady
 * while it writes ({@link #writing}); a change of the set waits for the writes in flight. So once a
 * candidate has been added, no write that missed it is still running.
 */
public final class ModelSlot implements AutoCloseable {

  /** Who holds which role; at most one model per vector space. */
  public record Models(
      LoadedModel serving, Optional<LoadedModel> candidate, Optional<LoadedModel> previous) {

    /** Serving first, so it is written first. */
    public List<LoadedModel> all() {
      List<LoadedModel> all = new ArrayList<>(3);
      all.add(serving);
      candidate.ifPresent(all::add);
      previous.ifPresent(all::add);
      return List.copyOf(all);
    }

    public Models withCandidate(Optional<LoadedModel> next) {
      return new Models(serving, next, previous);
    }

    public Models withPrevious(Optional<LoadedModel> next) {
      return new Models(serving, candidate, next);
    }
  }

  private final AtomicReference<Models> models;
  private final ReadWriteLock writes = new ReentrantReadWriteLock();

  public ModelSlot(Models initial) {
    this.models = new AtomicReference<>(initial);
  }

  /** One model that serves and is never changed: the distributed services' case today. */
  public static ModelSlot of(Embedder embedder, VectorIndex index) {
    ModelRef ref = new ModelRef(embedder.modelId(), embedder.dimension(), "", "");
    return new ModelSlot(
        new Models(new LoadedModel(ref, embedder, index), Optional.empty(), Optional.empty()));
  }

  /** The model that answers this request: take it once per request. */
  public LoadedModel serving() {
    return models.get().serving();
  }

  public Models models() {
    return models.get();
  }

  /** Every model an image must be written to now; may change right after (see {@link #writing}). */
  public List<LoadedModel> writeTargets() {
    return models.get().all();
  }

  /** Runs {@code write} with every model an image must be written to, holding that set steady. */
  public <T> T writing(Function<List<LoadedModel>, T> write) {
    writes.readLock().lock();
    try {
      return write.apply(models.get().all());
    } finally {
      writes.readLock().unlock();
    }
  }

  /**
   * Changes the roles in one step, once the writes in flight are done; returns the models as they
   * were.
   */
  public Models change(UnaryOperator<Models> change) {
    writes.writeLock().lock();
    try {
      Models before = models.get();
      models.set(change.apply(before));
      return before;
    } finally {
      writes.writeLock().unlock();
    }
  }

  /** Closes every model held; the process is stopping. */
  @Override
  public void close() {
    change(
        m -> {
          m.all().forEach(LoadedModel::close);
          return m;
        });
  }
}
