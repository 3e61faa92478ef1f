package io.imagesearch.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Which model serves, which one a migration is building, and which one a rollback would return to:
 * durable state, not configuration, so a restart finds the library as it left it. The configured
 * model is remembered too: a start with another one than last time is what asks for a change, so a
 * rollback made through the API is not undone by the next restart with an unchanged configuration.
 *
 * @param revision 1 for the first state of a library, one more with each write
 * @param active the model that answers searches
 * @param configured the model the configuration named at the last start
 * @param migration the change of model in progress, if any
 * @param previous the model a rollback returns to, while it is kept
 */
public record ModelState(
    long revision,
    ModelRef active,
    ModelRef configured,
    Optional<Migration> migration,
    Optional<PreviousModel> previous) {

  public ModelState {
    if (revision < 1) {
      throw new IllegalArgumentException("revisions start at 1, got " + revision);
    }
    Objects.requireNonNull(active, "active");
    Objects.requireNonNull(configured, "configured");
    Objects.requireNonNull(migration, "migration");
    Objects.requireNonNull(previous, "previous");
  }

  /** A library's first state: the configured model serves, nothing else. */
  public static ModelState first(ModelRef active) {
    return new ModelState(1, active, active, Optional.empty(), Optional.empty());
  }

  /** The next revision with the given parts, the configured model unchanged. */
  public ModelState next(
      ModelRef active, Optional<Migration> migration, Optional<PreviousModel> previous) {
    return new ModelState(revision + 1, active, configured, migration, previous);
  }

  public ModelState withConfigured(ModelRef next) {
    return new ModelState(revision + 1, active, next, migration, previous);
  }

  public ModelState withMigration(Optional<Migration> next) {
    return next(active, next, previous);
  }

  public ModelState withPrevious(Optional<PreviousModel> next) {
    return next(active, migration, next);
  }
}
