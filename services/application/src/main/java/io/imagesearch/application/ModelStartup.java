package io.imagesearch.application;

import io.imagesearch.core.model.LoadedModel;
import io.imagesearch.core.model.Migration;
import io.imagesearch.core.model.ModelRef;
import io.imagesearch.core.model.ModelState;
import io.imagesearch.core.model.PreviousModel;
import io.imagesearch.core.port.ModelLoader;
import io.imagesearch.core.port.ModelStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides at start-up which models a process holds, from the library's durable state and the model
 * the configuration names. The state wins unless the configuration changed since the last start:
 *
 * <ul>
 *   <li>a new library serves the configured model;
 *   <li>the configured model is the active one: it serves (a migration to another is cancelled);
 *   <li>it is the target of the migration in progress: the migration goes on;
 *   <li>it is the previous model, still kept: a rollback, without re-embedding anything;
 *   <li>any other model: a migration to it starts, the active model serving meanwhile.
 * </ul>
 *
 * An unchanged configuration resumes what the state says, so a rollback made through the API
 * survives a restart.
 */
public final class ModelStartup {

  private static final Logger LOG = LoggerFactory.getLogger(ModelStartup.class);

  private final ModelStateStore store;
  private final ModelLoader loader;
  private final Clock clock;
  private final Duration previousRetention;

  public ModelStartup(
      ModelStateStore store, ModelLoader loader, Clock clock, Duration previousRetention) {
    this.store = store;
    this.loader = loader;
    this.clock = clock;
    this.previousRetention = previousRetention;
  }

  /** Loads the models the decision needs, records it, and hands them over in a slot. */
  public ModelSlot open(String location, String format) {
    List<LoadedModel> loaded = new ArrayList<>();
    try {
      LoadedModel configured = loader.load(location, format);
      loaded.add(configured);
      Optional<ModelState> stored = store.read();
      if (stored.isEmpty()) {
        write(0, ModelState.first(configured.ref()));
        LOG.info("A new library: {} serves", configured.ref().describe());
        return new ModelSlot(new ModelSlot.Models(configured, Optional.empty(), Optional.empty()));
      }
      return decide(dropExpired(stored.get()), configured, loaded);
    } catch (RuntimeException | Error e) {
      loaded.forEach(LoadedModel::close);
      throw e;
    }
  }

  private ModelSlot decide(ModelState state, LoadedModel configured, List<LoadedModel> loaded) {
    long basis = state.revision();
    ModelRef wanted = configured.ref();
    Instant now = clock.instant();
    if (wanted.sameSpace(state.configured())) {
      return resume(state.withConfigured(wanted), basis, configured, loaded);
    }
    ModelState changed = state.withConfigured(wanted);
    if (wanted.sameSpace(state.active())) {
      changed.migration().ifPresent(m -> cancel(m, "the configuration names the active model"));
      return resume(changed.withMigration(Optional.empty()), basis, configured, loaded);
    }
    if (changed.migration().filter(m -> m.target().sameSpace(wanted)).isPresent()) {
      return resume(changed, basis, configured, loaded);
    }
    if (changed.previous().filter(p -> p.model().sameSpace(wanted)).isPresent()) {
      changed.migration().ifPresent(m -> cancel(m, "the configuration names the previous model"));
      ModelState rolledBack =
          changed.next(
              wanted,
              Optional.empty(),
              Optional.of(new PreviousModel(changed.active(), now, now.plus(previousRetention))));
      LOG.info(
          "Rolling back to the previous model {}; {} is kept until {}",
          wanted.describe(),
          changed.active().describe(),
          now.plus(previousRetention));
      return resume(rolledBack, basis, configured, loaded);
    }
    changed.migration().ifPresent(m -> cancel(m, "the configuration names another model"));
    ModelState migrating = changed.withMigration(Optional.of(Migration.start(wanted, now)));
    LOG.info(
        "The configured model {} differs from the active {}: migrating in the background while {}"
            + " serves",
        wanted.describe(),
        changed.active().describe(),
        changed.active().describe());
    return resume(migrating, basis, configured, loaded);
  }

  /**
   * Loads each model the state names (the configured one is loaded already) and records it as the
   * revision after {@code basis}, the one the decision read.
   */
  private ModelSlot resume(
      ModelState state, long basis, LoadedModel configured, List<LoadedModel> loaded) {
    LoadedModel serving = holding(state.active(), configured, loaded, "active");
    Optional<LoadedModel> candidate =
        state.migration().map(m -> holding(m.target(), configured, loaded, "migration target"));
    Optional<LoadedModel> previous =
        state.previous().map(p -> holding(p.model(), configured, loaded, "previous"));
    // Stored locations follow the configuration when the same model was moved.
    ModelState located = relocate(state, configured.ref());
    write(basis, located);
    boolean used =
        serving == configured
            || candidate.orElse(null) == configured
            || previous.orElse(null) == configured;
    if (!used) {
      LOG.info(
          "The configured model {} is not the active {} since a rollback or a cancelled migration;"
              + " name another model to migrate",
          configured.ref().describe(),
          state.active().describe());
      configured.close();
    }
    state
        .migration()
        .filter(m -> m.done() > 0)
        .ifPresent(
            m ->
                LOG.info(
                    "Resuming the migration to {} after {} of {} images",
                    m.target().describe(),
                    m.done(),
                    m.total()));
    return new ModelSlot(new ModelSlot.Models(serving, candidate, previous));
  }

  private static ModelState relocate(ModelState state, ModelRef configured) {
    ModelRef active = state.active().sameSpace(configured) ? configured : state.active();
    Optional<Migration> migration =
        state
            .migration()
            .map(
                m ->
                    m.target().sameSpace(configured)
                        ? new Migration(
                            configured,
                            m.startedAt(),
                            m.phase(),
                            m.cursor(),
                            m.done(),
                            m.total(),
                            m.gate())
                        : m);
    return new ModelState(
        state.revision(), active, state.configured(), migration, state.previous());
  }

  /** The configured model when it is {@code ref}'s, else {@code ref} loaded from where it was. */
  private LoadedModel holding(
      ModelRef ref, LoadedModel configured, List<LoadedModel> loaded, String role) {
    if (ref.sameSpace(configured.ref())) {
      return configured;
    }
    LoadedModel model;
    try {
      model = loader.load(ref.location(), ref.format());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the library's "
              + role
              + " model "
              + ref.describe()
              + " cannot be loaded from "
              + ref.location()
              + " ("
              + e.getMessage()
              + "): put it back there, or roll back to it with its new location",
          e);
    }
    loaded.add(model);
    if (!model.ref().sameSpace(ref)) {
      throw new IllegalStateException(
          "the library's "
              + role
              + " model "
              + ref.describe()
              + " is no longer at "
              + ref.location()
              + " (found "
              + model.ref().describe()
              + " there): put it back");
    }
    return model;
  }

  private void cancel(Migration migration, String why) {
    LOG.info("Cancelling the migration to {}: {}", migration.target().describe(), why);
    loader.deleteIndex(migration.target());
  }

  private ModelState dropExpired(ModelState state) {
    Optional<PreviousModel> previous = state.previous();
    if (previous.isEmpty() || !previous.get().expiredAt(clock.instant())) {
      return state;
    }
    LOG.info(
        "The previous model {} was kept until {}: dropping its index",
        previous.get().model().describe(),
        previous.get().keepUntil());
    ModelState dropped = write(state.revision(), state.withPrevious(Optional.empty()));
    loader.deleteIndex(previous.get().model());
    return dropped;
  }

  /**
   * Writes {@code next} as the revision after {@code basis}, the one the decision was made from
   * (several steps of a decision are one change). The store refuses it when another process wrote
   * since that read, so no decision lands on a state it did not see.
   */
  private ModelState write(long basis, ModelState next) {
    ModelState revised =
        new ModelState(
            basis + 1, next.active(), next.configured(), next.migration(), next.previous());
    if (!store.write(revised)) {
      throw new ModelStateConflictException(
          "the model state changed while this process started: is another process using this"
              + " library? Start it again to decide from the new state");
    }
    return revised;
  }
}
