package io.imagesearch.web;

import io.imagesearch.application.ModelsStatus;
import io.imagesearch.core.model.GateResult;
import io.imagesearch.core.model.Migration;
import io.imagesearch.core.model.ModelRef;
import io.imagesearch.core.model.PreviousModel;
import io.imagesearch.core.model.RecallCheck;
import java.time.Instant;
import java.util.List;

/** JSON shapes of the library's models, the migration in progress and the recall gate. */
final class ModelViews {
  private ModelViews() {}

  record ModelView(String model_id, int dimension, String location, String format) {}

  record PreviousView(ModelView model, Instant switched_at, Instant keep_until) {}

  record CheckView(String name, int k, int queries, double current, double candidate) {}

  record GateView(boolean passed, String reason, Instant evaluated_at, List<CheckView> checks) {}

  /**
   * @param in_progress false when no migration runs; the other fields are then null
   * @param phase REINDEXING, EVALUATING or REFUSED
   * @param done stored images walked into the target's index
   * @param total stored images when the walk started
   * @param resumed_from images already walked when this process took the migration up
   * @param embedded_this_run images this process embedded into the target's index
   * @param images_per_second the walk's pace in this process
   * @param eta_seconds time left at that pace, while walking
   * @param gate the recall gate's last decision
   * @param last_error why the last attempt failed, while it waits to try again
   */
  record MigrationView(
      boolean in_progress,
      ModelView target,
      String phase,
      Instant started_at,
      Long done,
      Long total,
      Long resumed_from,
      Long embedded_this_run,
      Double images_per_second,
      Long eta_seconds,
      GateView gate,
      String last_error) {

    static final MigrationView NONE =
        new MigrationView(false, null, null, null, null, null, null, null, null, null, null, null);
  }

  record ModelsView(
      ModelView active, PreviousView previous, MigrationView migration, GateView last_switch) {}

  static ModelsView of(ModelsStatus status) {
    return new ModelsView(
        of(status.active()),
        status.previous().map(ModelViews::of).orElse(null),
        migration(status),
        status.lastSwitch().map(ModelViews::of).orElse(null));
  }

  static MigrationView migration(ModelsStatus status) {
    return status
        .migration()
        .map(
            s -> {
              Migration m = s.migration();
              return new MigrationView(
                  true,
                  of(m.target()),
                  m.phase().name(),
                  m.startedAt(),
                  m.done(),
                  m.total(),
                  s.resumedFrom(),
                  s.embeddedThisRun(),
                  s.imagesPerSecond(),
                  s.eta().map(d -> d.toSeconds()).orElse(null),
                  m.gate().map(ModelViews::of).orElse(null),
                  s.lastError().orElse(null));
            })
        .orElse(MigrationView.NONE);
  }

  private static ModelView of(ModelRef ref) {
    return new ModelView(ref.modelId(), ref.dimension(), ref.location(), ref.format());
  }

  private static PreviousView of(PreviousModel previous) {
    return new PreviousView(of(previous.model()), previous.switchedAt(), previous.keepUntil());
  }

  private static GateView of(GateResult gate) {
    return new GateView(
        gate.passed(),
        gate.reason(),
        gate.evaluatedAt(),
        gate.checks().stream().map(ModelViews::of).toList());
  }

  private static CheckView of(RecallCheck check) {
    return new CheckView(
        check.name(), check.k(), check.queries(), check.current(), check.candidate());
  }
}
