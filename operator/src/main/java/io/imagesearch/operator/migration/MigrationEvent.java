package io.imagesearch.operator.migration;

import io.imagesearch.operator.api.ModelStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A step of a change of model worth a Kubernetes Event, found by comparing the {@code status.model}
 * last written with the one observed now: each step is reported once, when the status first shows
 * it.
 *
 * @param reason MigrationStarted, GateRefused, ModelSwitched or RolledBack
 * @param warning true for a Warning event (the gate refused), false for a Normal one
 * @param message what happened, naming the models
 */
public record MigrationEvent(String reason, boolean warning, String message) {
  public static final String STARTED = "MigrationStarted";
  public static final String REFUSED = "GateRefused";
  public static final String SWITCHED = "ModelSwitched";
  public static final String ROLLED_BACK = "RolledBack";

  private static final Set<String> MIGRATING = Set.of("Reindexing", "Evaluating");

  /**
   * The steps between two observations.
   *
   * @param before the status.model last written; null before the first observation
   * @param after the status.model observed now
   * @param message the ModelMigration condition's message now, the refusal's details
   */
  public static List<MigrationEvent> between(
      ModelStatus before, ModelStatus after, String message) {
    List<MigrationEvent> events = new ArrayList<>();
    boolean sameTarget = before != null && Objects.equals(before.target, after.target);
    if (MIGRATING.contains(after.phase) && !(sameTarget && MIGRATING.contains(before.phase))) {
      events.add(
          new MigrationEvent(
              STARTED,
              false,
              "Re-embedding the library into "
                  + after.target
                  + " while "
                  + after.active
                  + " serves"));
    }
    if ("GateRefused".equals(after.phase) && !(sameTarget && "GateRefused".equals(before.phase))) {
      events.add(new MigrationEvent(REFUSED, true, message));
    }
    if (before != null
        && before.active != null
        && after.active != null
        && !before.active.equals(after.active)) {
      boolean back = after.active.equals(before.previous);
      events.add(
          back
              ? new MigrationEvent(
                  ROLLED_BACK,
                  false,
                  "Rolled back from " + before.active + " to " + after.active + " (kept index)")
              : new MigrationEvent(
                  SWITCHED,
                  false,
                  "Switched search from " + before.active + " to " + after.active));
    }
    return events;
  }
}
