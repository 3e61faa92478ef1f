package io.imagesearch.application;

import io.imagesearch.core.model.GateResult;
import io.imagesearch.core.model.GoldenQuery;
import io.imagesearch.core.model.LoadedModel;
import io.imagesearch.core.model.Migration;
import io.imagesearch.core.model.ModelRef;
import io.imagesearch.core.model.ModelState;
import io.imagesearch.core.model.PreviousModel;
import io.imagesearch.core.port.MigrationLease;
import io.imagesearch.core.port.ModelLoader;
import io.imagesearch.core.port.ModelStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes the model without downtime. A migration (started by {@link ModelStartup}) runs on a
 * thread of its own: it walks the library into the candidate's index ({@link LibraryReindex}),
 * saving its place after each batch, while the serving model answers and uploads are written to
 * both; then the {@link RecallGate} measures the candidate against the serving model, and only if
 * it passes does the candidate serve, in one durable write and one swap of the {@link ModelSlot}.
 * The model that served before is kept, and still written to, for {@code previousRetention}, so a
 * rollback is the same swap back. A refused candidate stays out of service with the gate's numbers
 * in the state; the next start measures it again.
 *
 * <p>Several processes may share the library (distributed workers): the state is then read afresh
 * before each change, only the holder of the {@link MigrationLease} walks, catches up and gates,
 * and every process follows the state others write (a switch, a rollback, a cancel, a dropped
 * previous model) with its own slot. Before the gate, the walker catches up on images that
 * processes without the candidate (older workers during a rolling update) wrote after the walk
 * passed them.
 */
public final class ModelMigration implements ModelAdministration, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelMigration.class);

  /** How far before the migration's start the catch-up looks: clocks of processes differ. */
  static final Duration CATCH_UP_MARGIN = Duration.ofMinutes(10);

  private final ModelSlot slot;
  private final ModelStateStore store;
  private final ModelLoader loader;
  private final LibraryReindex reindex;
  private final RecallGate gate;
  private final Supplier<List<GoldenQuery>> golden;
  private final MigrationSettings settings;
  private final Clock clock;
  private final MigrationEvents events;
  private final MigrationLease lease;
  private final Optional<Duration> followEvery;
  private volatile boolean leaseHeld;

  /** Set when the stored state no longer migrates to the target being walked (a rollback). */
  private volatile boolean abandoned;

  /** Held for each change of the state and the slot together. */
  private final ReentrantLock changes = new ReentrantLock();

  private final ScheduledExecutorService retention;
  private volatile ModelState latest;
  private volatile Thread driver;
  private volatile boolean stopDriving;
  private volatile RunProgress run;
  private volatile String lastError;
  private volatile GateResult lastSwitch;

  /**
   * Whom a migration shares the library with: {@code lease} chooses the process that walks, and the
   * state is read every {@code followEvery} (when set) to follow what the others change.
   */
  public record Sharing(MigrationLease lease, Optional<Duration> followEvery) {
    public Sharing {
      Objects.requireNonNull(lease, "lease");
      if (followEvery.filter(every -> !every.isPositive()).isPresent()) {
        throw new IllegalArgumentException("set a positive interval to follow the model state");
      }
    }

    /** Several processes on one library (distributed workers). */
    public static Sharing among(MigrationLease lease, Duration followEvery) {
      return new Sharing(lease, Optional.of(followEvery));
    }

    /** One process on its library (embedded): it walks, and nobody else writes the state. */
    public static Sharing alone() {
      return new Sharing(MigrationLease.alone(), Optional.empty());
    }
  }

  public ModelMigration(
      ModelSlot slot,
      ModelStateStore store,
      ModelLoader loader,
      LibraryReindex reindex,
      RecallGate gate,
      Supplier<List<GoldenQuery>> golden,
      MigrationSettings settings,
      Clock clock,
      MigrationEvents events,
      Sharing sharing) {
    this.lease = sharing.lease();
    this.followEvery = sharing.followEvery();
    this.slot = slot;
    this.store = store;
    this.loader = loader;
    this.reindex = reindex;
    this.gate = gate;
    this.golden = golden;
    this.settings = settings;
    this.clock = clock;
    this.events = events;
    this.latest =
        store
            .read()
            .orElseThrow(() -> new IllegalStateException("the model state was not written yet"));
    this.retention =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("model-retention").daemon().factory());
  }

  /** Takes up the migration the state holds, if any, and starts watching the retention. */
  public void start() {
    long every = settings.retentionCheck().toMillis();
    retention.scheduleWithFixedDelay(
        this::dropExpiredPrevious, every, every, TimeUnit.MILLISECONDS);
    if (followEvery.isPresent()) {
      long renew = Math.max(1, lease.ttl().toMillis() / 3);
      retention.scheduleWithFixedDelay(this::renewLease, renew, renew, TimeUnit.MILLISECONDS);
    }
    startDriving();
  }

  @Override
  public ModelsStatus status() {
    ModelState state = latest;
    return new ModelsStatus(
        state.active(),
        state.previous(),
        state.migration().map(this::migrationStatus),
        Optional.ofNullable(lastSwitch));
  }

  /**
   * Returns to the previous model (which becomes previous in turn), or cancels the migration in
   * progress when no previous model is kept: one durable write and one swap, nothing re-embedded.
   *
   * @throws NothingToRollBackException when there is neither
   */
  @Override
  public ModelsStatus rollback() {
    stopDriving();
    changes.lock();
    try {
      ModelState state = latest;
      if (state.previous().isPresent()) {
        PreviousModel previous = state.previous().get();
        serve(state, previous.model(), ModelSlot.Models::previous)
            .candidate()
            .ifPresent(this::drop);
        lastSwitch = null;
        LOG.info(
            "Rolled back to {}; {} is kept until {}",
            previous.model().describe(),
            state.active().describe(),
            latest.previous().orElseThrow().keepUntil());
      } else if (state.migration().isPresent()) {
        persist(state.withMigration(Optional.empty()));
        slot.change(m -> m.withCandidate(Optional.empty())).candidate().ifPresent(this::drop);
        LOG.info(
            "Cancelled the migration to {}; {} keeps serving",
            state.migration().get().target().describe(),
            state.active().describe());
      } else {
        throw new NothingToRollBackException(
            "nothing to roll back: no previous model is kept and no migration runs ("
                + state.active().describe()
                + " serves)");
      }
    } finally {
      changes.unlock();
    }
    return status();
  }

  /**
   * Rebuilds the serving model's index from the stored originals (a lost or damaged index): entries
   * it still has keep their metadata, missing ones are added.
   */
  public LibraryReindex.Outcome rebuildServing(LibraryReindex.Progress progress) {
    LoadedModel serving = slot.serving();
    LOG.info("Rebuilding the index of {} from the stored images", serving.ref().describe());
    return reindex.run(
        new LibraryReindex.Request(serving, serving.index(), false, ""),
        progress,
        () -> stopDriving);
  }

  /** The walk's total for a rebuild: the images stored now. */
  public long storedImages() {
    return reindex.countImages();
  }

  private void startDriving() {
    if (latest.migration().isEmpty() && followEvery.isEmpty()) {
      return;
    }
    stopDriving = false;
    driver = Thread.ofPlatform().name("model-migration").daemon().start(this::drive);
  }

  /** Stops the migration thread between two batches and waits for it. */
  private void stopDriving() {
    stopDriving = true;
    Thread thread = driver;
    if (thread != null) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void drive() {
    boolean firstPass = true;
    while (!stopDriving) {
      Optional<Migration> migration;
      try {
        follow();
        migration = latest.migration();
      } catch (RuntimeException e) {
        LOG.warn("Cannot follow the model state ({}); trying again", e.toString());
        sleepUnlessStopped(settings.retryDelay());
        continue;
      }
      if (migration.isEmpty()
          || (migration.get().phase() == Migration.Phase.REFUSED && !firstPass)) {
        if (followEvery.isEmpty()) {
          return;
        }
        releaseLease();
        sleepUnlessStopped(followEvery.get());
        continue;
      }
      if (slot.models().candidate().isEmpty()) {
        // This process did not load the target (its configuration names the active model): a
        // process that did walks.
        releaseLease();
        sleepUnlessStopped(followEvery.orElse(settings.retryDelay()));
        continue;
      }
      if (!acquireLease()) {
        sleepUnlessStopped(followEvery.orElseThrow());
        continue;
      }
      Migration m = migration.get();
      abandoned = false;
      try {
        switch (m.phase()) {
          case REINDEXING -> walk(m);
          case EVALUATING -> evaluate(m);
          case REFUSED -> {
            // Measured again once per start: the golden queries may have changed.
            evaluate(m);
            firstPass = false;
          }
        }
        lastError = null;
      } catch (RuntimeException e) {
        if (stopDriving) {
          return;
        }
        if (!leaseHeld) {
          LOG.info("Lost the migration lease; another process walks on from the saved cursor");
          continue;
        }
        lastError = e.toString();
        LOG.warn(
            "Migration to {} failed ({}); trying again from its last saved batch in {}",
            m.target().describe(),
            e.toString(),
            settings.retryDelay());
        sleepUnlessStopped(settings.retryDelay());
      }
      if (followEvery.isEmpty()) {
        firstPass = false;
      }
    }
    releaseLease();
  }

  private boolean acquireLease() {
    if (!leaseHeld) {
      leaseHeld = lease.tryAcquire();
      if (leaseHeld && followEvery.isPresent()) {
        LOG.info("This process ({}) took the migration lease", lease.holder());
      }
    }
    return leaseHeld;
  }

  private void renewLease() {
    if (leaseHeld && !lease.renew()) {
      leaseHeld = false;
      LOG.warn("The migration lease of {} expired: stopping the walk", lease.holder());
    }
  }

  private void releaseLease() {
    if (leaseHeld) {
      leaseHeld = false;
      lease.release();
    }
  }

  /** Stops a walk when this process is stopped or no longer holds the lease. */
  private boolean walkStopped() {
    return stopDriving || !leaseHeld || abandoned;
  }

  /**
   * Makes the slot hold the models the stored state names, in their roles, when another process
   * changed it: a switch or rollback swaps roles, a cancelled migration or a dropped previous model
   * closes what is no longer named (and drops its index, as the writer did). A target this process
   * never loaded stays unloaded: only processes configured with it write to it.
   */
  private void follow() {
    if (followEvery.isEmpty()) {
      return;
    }
    ModelState state = store.read().orElse(latest);
    changes.lock();
    try {
      ModelSlot.Models held = slot.models();
      Optional<ModelRef> candidate = state.migration().map(Migration::target);
      Optional<ModelRef> previous = state.previous().map(PreviousModel::model);
      if (held.serving().ref().sameSpace(state.active())
          && sameRole(held.candidate(), candidate, true)
          && sameRole(held.previous(), previous, false)) {
        latest = state;
        return;
      }
      LoadedModel serving = heldOrLoaded(held, state.active());
      Optional<LoadedModel> nextCandidate =
          candidate.flatMap(ref -> find(held, ref)).filter(x -> !x.ref().sameSpace(state.active()));
      Optional<LoadedModel> nextPrevious = previous.flatMap(ref -> optionalLoad(held, ref));
      ModelSlot.Models next = new ModelSlot.Models(serving, nextCandidate, nextPrevious);
      ModelSlot.Models before = slot.change(x -> next);
      for (LoadedModel old : before.all()) {
        if (next.all().stream().noneMatch(n -> n == old)) {
          LOG.info("{} is no longer used by the library: closing it", old.ref().describe());
          drop(old);
        }
      }
      latest = state;
      LOG.info(
          "Following the model state: {} serves{}{}",
          serving.ref().describe(),
          nextCandidate.map(c -> ", migrating to " + c.ref().describe()).orElse(""),
          nextPrevious.map(p -> ", " + p.ref().describe() + " kept").orElse(""));
    } finally {
      changes.unlock();
    }
  }

  /** Whether the held model matches the state's role; an unloaded target counts as matching. */
  private static boolean sameRole(
      Optional<LoadedModel> held, Optional<ModelRef> named, boolean unloadedIsFine) {
    if (held.isEmpty()) {
      return named.isEmpty() || unloadedIsFine;
    }
    return named.isPresent() && held.get().ref().sameSpace(named.get());
  }

  private static Optional<LoadedModel> find(ModelSlot.Models held, ModelRef ref) {
    return held.all().stream().filter(m -> m.ref().sameSpace(ref)).findFirst();
  }

  private LoadedModel heldOrLoaded(ModelSlot.Models held, ModelRef ref) {
    return find(held, ref).orElseGet(() -> loader.load(ref.location(), ref.format()));
  }

  private Optional<LoadedModel> optionalLoad(ModelSlot.Models held, ModelRef ref) {
    Optional<LoadedModel> found = find(held, ref);
    if (found.isPresent()) {
      return found;
    }
    try {
      return Optional.of(loader.load(ref.location(), ref.format()));
    } catch (RuntimeException e) {
      LOG.warn("Cannot load the previous model {}: {}", ref.describe(), e.toString());
      return Optional.empty();
    }
  }

  private void walk(Migration m) {
    if (m.done() == 0 && m.total() == 0) {
      long total = reindex.countImages();
      update(s -> s.withMigration(s.migration().map(x -> x.counted(total))));
      m = latest.migration().orElseThrow();
    }
    LoadedModel candidate =
        slot.models().candidate().orElseThrow(() -> new IllegalStateException("no candidate"));
    RunProgress progress = run == null ? new RunProgress(m.done(), System.nanoTime()) : run;
    run = progress;
    LOG.info(
        "Migration to {}: walking the library from {} of {} images",
        m.target().describe(),
        m.done(),
        m.total());
    ModelRef walking = m.target();
    LibraryReindex.Outcome outcome =
        reindex.run(
            new LibraryReindex.Request(candidate, slot.serving().index(), true, m.cursor()),
            (lastKey, walked, embedded) -> {
              if (!leaseHeld) {
                throw new IllegalStateException("the migration lease was lost");
              }
              update(s -> s.withMigration(s.migration().map(x -> x.advanced(lastKey, walked))));
              progress.add(walked, embedded);
              abandoned = latest.migration().filter(x -> x.target().sameSpace(walking)).isEmpty();
            },
            this::walkStopped);
    if (outcome.finished()) {
      update(s -> s.withMigration(s.migration().map(x -> x.inPhase(Migration.Phase.EVALUATING))));
      LOG.info(
          "Migration to {}: every stored image is in its index; measuring recall",
          m.target().describe());
    }
  }

  private void evaluate(Migration m) {
    ModelSlot.Models models = slot.models();
    LoadedModel candidate =
        models.candidate().orElseThrow(() -> new IllegalStateException("no candidate"));
    long caughtUp =
        reindex.catchUp(
            new LibraryReindex.Request(candidate, models.serving().index(), true, ""),
            m.startedAt().minus(CATCH_UP_MARGIN),
            this::walkStopped);
    if (walkStopped()) {
      return;
    }
    if (caughtUp > 0) {
      LOG.info(
          "Migration to {}: caught up on {} images written without it since the walk began",
          candidate.ref().describe(),
          caughtUp);
    }
    GateResult result = gate.evaluate(models.serving(), candidate, golden.get());
    events.gateEvaluated(models.serving().ref(), candidate.ref(), result);
    if (!result.passed()) {
      update(s -> s.withMigration(s.migration().map(x -> x.gated(result))));
      LOG.warn("Migration to {} refused: {}", candidate.ref().describe(), result.reason());
      return;
    }
    switchTo(result);
  }

  private void switchTo(GateResult result) {
    changes.lock();
    try {
      ModelState state = fresh();
      Migration migration = state.migration().orElseThrow();
      if (!slot.models()
          .candidate()
          .map(c -> c.ref().sameSpace(migration.target()))
          .orElse(false)) {
        throw new IllegalStateException("the migration changed under this process");
      }
      ModelSlot.Models before = serve(state, migration.target(), ModelSlot.Models::candidate);
      // Only one step back is kept.
      before.previous().ifPresent(this::drop);
      lastSwitch = result;
      LOG.info(
          "Switched to {}; {} is kept for a rollback until {}",
          migration.target().describe(),
          state.active().describe(),
          latest.previous().orElseThrow().keepUntil());
    } finally {
      changes.unlock();
    }
  }

  /**
   * Makes {@code next} the active model and the active one the previous: one state write, one swap
   * of the slot (taking the model {@code role} names), then the status shows it, so whoever reads
   * the status sees the change only once searches use the new model. Returns the roles as they
   * were. Called with {@link #changes} held.
   */
  private ModelSlot.Models serve(
      ModelState state, ModelRef next, Function<ModelSlot.Models, Optional<LoadedModel>> role) {
    Instant now = clock.instant();
    ModelState changed =
        state.next(
            next,
            Optional.empty(),
            Optional.of(
                new PreviousModel(state.active(), now, now.plus(settings.previousRetention()))));
    write(changed);
    ModelSlot.Models before =
        slot.change(
            m ->
                new ModelSlot.Models(
                    role.apply(m).orElseThrow(), Optional.empty(), Optional.of(m.serving())));
    latest = changed;
    return before;
  }

  private void dropExpiredPrevious() {
    changes.lock();
    try {
      ModelState state = fresh();
      Optional<PreviousModel> previous = state.previous();
      if (previous.isEmpty() || !previous.get().expiredAt(clock.instant())) {
        return;
      }
      ModelState dropped = state.withPrevious(Optional.empty());
      write(dropped);
      slot.change(m -> m.withPrevious(Optional.empty())).previous().ifPresent(this::drop);
      latest = dropped;
      LOG.info(
          "The previous model {} was kept until {}: its index is dropped",
          previous.get().model().describe(),
          previous.get().keepUntil());
    } catch (RuntimeException e) {
      LOG.warn("Could not drop the previous model: {}", e.toString());
    } finally {
      changes.unlock();
    }
  }

  /** Closes a model no longer held and deletes its index. */
  private void drop(LoadedModel model) {
    model.close();
    loader.deleteIndex(model.ref());
  }

  /** Applies {@code change} to the stored state, read afresh (other processes write it too). */
  private void update(UnaryOperator<ModelState> change) {
    changes.lock();
    try {
      for (int attempt = 1; ; attempt++) {
        ModelState stored = fresh();
        ModelState next = change.apply(stored);
        if (next.revision() == stored.revision()) {
          next =
              new ModelState(
                  stored.revision() + 1,
                  next.active(),
                  next.configured(),
                  next.migration(),
                  next.previous());
        }
        if (store.write(next)) {
          latest = next;
          return;
        }
        if (attempt == 5) {
          throw new IllegalStateException("the model state keeps changing under this process");
        }
      }
    } finally {
      changes.unlock();
    }
  }

  /** The stored state: this process's own when it is alone with the library. */
  private ModelState fresh() {
    return followEvery.isEmpty() ? latest : store.read().orElse(latest);
  }

  /**
   * Writes the next state and publishes it. A switch writes first and publishes after the slot
   * swapped, so whoever reads the status sees a switch only once searches use the new model.
   */
  private void persist(ModelState next) {
    write(next);
    latest = next;
  }

  private void write(ModelState next) {
    if (!store.write(next)) {
      throw new IllegalStateException(
          "the model state changed under this process: is another process using this library?");
    }
  }

  private ModelsStatus.MigrationStatus migrationStatus(Migration migration) {
    RunProgress progress = run;
    if (progress == null) {
      return new ModelsStatus.MigrationStatus(
          migration, migration.done(), 0, 0, Optional.empty(), Optional.ofNullable(lastError));
    }
    double seconds = (System.nanoTime() - progress.startedNanos) / 1e9;
    long walked = progress.walked.get();
    double rate = seconds > 0 ? walked / seconds : 0;
    Optional<Duration> eta =
        migration.phase() == Migration.Phase.REINDEXING && rate > 0
            ? Optional.of(
                Duration.ofSeconds(
                    (long) Math.ceil(Math.max(0, migration.total() - migration.done()) / rate)))
            : Optional.empty();
    return new ModelsStatus.MigrationStatus(
        migration,
        progress.resumedFrom,
        progress.embedded.get(),
        rate,
        eta,
        Optional.ofNullable(lastError));
  }

  /** How this process's walk of the migration goes. */
  private static final class RunProgress {
    final long resumedFrom;
    final long startedNanos;
    final AtomicLong walked = new AtomicLong();
    final AtomicLong embedded = new AtomicLong();

    RunProgress(long resumedFrom, long startedNanos) {
      this.resumedFrom = resumedFrom;
      this.startedNanos = startedNanos;
    }

    void add(int walkedKeys, int embeddedImages) {
      walked.addAndGet(walkedKeys);
      embedded.addAndGet(embeddedImages);
    }
  }

  /** Waits in short steps, so stopping does not wait out a long retry delay. */
  private void sleepUnlessStopped(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    try {
      while (!stopDriving && System.nanoTime() < end) {
        Thread.sleep(Math.min(200, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the migration between two batches (its place is saved) and the retention watch. */
  @Override
  public void close() {
    stopDriving();
    retention.shutdownNow();
    reindex.close();
  }
}
