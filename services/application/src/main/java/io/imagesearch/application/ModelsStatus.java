package io.imagesearch.application;

import io.imagesearch.core.model.GateResult;
import io.imagesearch.core.model.Migration;
import io.imagesearch.core.model.ModelRef;
import io.imagesearch.core.model.PreviousModel;
import java.time.Duration;
import java.util.Optional;

/**
 * The models of a library as the API shows them.
 *
 * @param active the model that serves
 * @param previous the model a rollback returns to, while it is kept
 * @param migration the change of model in progress
 * @param lastSwitch the gate result that let the active model serve, when this process switched
 */
public record ModelsStatus(
    ModelRef active,
    Optional<PreviousModel> previous,
    Optional<MigrationStatus> migration,
    Optional<GateResult> lastSwitch) {

  /**
   * A migration with how this process's run of it goes.
   *
   * @param migration the durable part: target, phase, saved progress, gate result
   * @param resumedFrom images already walked when this process took the migration up
   * @param embeddedThisRun images this process embedded into the target's index by the walk
   * @param imagesPerSecond the walk's pace in this run
   * @param eta time left at that pace, while it walks
   * @param lastError why the last attempt failed, while it waits to try again
   */
  public record MigrationStatus(
      Migration migration,
      long resumedFrom,
      long embeddedThisRun,
      double imagesPerSecond,
      Optional<Duration> eta,
      Optional<String> lastError) {}
}
