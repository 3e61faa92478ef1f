package io.imagesearch.application;

import io.imagesearch.core.model.ModelState;
import io.imagesearch.core.model.PreviousModel;
import io.imagesearch.core.port.ModelStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The models API of a process that serves one model and runs no migration (the distributed search
 * API): the status is the stored state as the walking worker last saved it, and a rollback is a
 * state write that the workers follow (and the operator, which rolls the search pods to the model
 * that is active then).
 */
public final class StoredModelState implements ModelAdministration {

  private final ModelStateStore store;
  private final Clock clock;
  private final Duration previousRetention;

  public StoredModelState(ModelStateStore store, Clock clock, Duration previousRetention) {
    this.store = store;
    this.clock = clock;
    this.previousRetention = previousRetention;
  }

  @Override
  public ModelsStatus status() {
    return statusOf(read());
  }

  @Override
  public ModelsStatus rollback() {
    // Writes compare revisions: a worker saving its progress meanwhile makes this read again.
    for (int attempt = 1; attempt <= 10; attempt++) {
      ModelState state = read();
      ModelState next;
      if (state.previous().isPresent()) {
        Instant now = clock.instant();
        next =
            state.next(
                state.previous().get().model(),
                Optional.empty(),
                Optional.of(new PreviousModel(state.active(), now, now.plus(previousRetention))));
      } else if (state.migration().isPresent()) {
        next = state.withMigration(Optional.empty());
      } else {
        throw new NothingToRollBackException(
            "nothing to roll back: no previous model is kept and no migration runs ("
                + state.active().describe()
                + " serves)");
      }
      if (store.write(next)) {
        return statusOf(next);
      }
    }
    throw new IllegalStateException("the model state kept changing; try the rollback again");
  }

  private ModelState read() {
    return store
        .read()
        .orElseThrow(
            () ->
                new NothingToRollBackException(
                    "the library has no model state yet: no worker has started"));
  }

  private static ModelsStatus statusOf(ModelState state) {
    return new ModelsStatus(
        state.active(),
        state.previous(),
        state
            .migration()
            .map(
                m ->
                    new ModelsStatus.MigrationStatus(
                        m, m.done(), 0, 0, Optional.empty(), Optional.empty())),
        Optional.empty());
  }
}
