package io.imagesearch.operator.migration;

import io.imagesearch.core.model.GateResult;
import io.imagesearch.core.model.Migration;
import io.imagesearch.core.model.ModelRef;
import io.imagesearch.core.model.ModelState;
import io.imagesearch.core.model.PreviousModel;
import io.imagesearch.core.model.RecallCheck;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ModelStatus;
import io.imagesearch.operator.model.EmbeddingModel;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the model state means for a cluster: the model search-api must load, {@code status.model},
 * and the {@code ModelMigration} condition. Pure: equal inputs give an equal report.
 *
 * <p>The workers always load spec.model; search-api loads the state's active model, so it changes
 * model only once the workers' recall gate wrote the switch, and a query is never embedded by one
 * model and searched in the other's index. Without a state search-api loads spec.model too; when
 * the state cannot be read it keeps the model it runs (a Redis restart in the middle of a migration
 * must not move it onto an incomplete index), or spec.model if it runs none yet.
 *
 * @param searchModel the model search-api loads
 * @param status what {@code status.model} shows
 * @param condition whether a change of model is in progress (True, False, or Unknown)
 * @param reason the condition's reason
 * @param message the condition's message
 * @param changing true while the state may change without any Kubernetes event: poll it
 */
public record MigrationReport(
    EmbeddingModel searchModel,
    ModelStatus status,
    String condition,
    String reason,
    String message,
    boolean changing) {

  public static final String CONDITION = "ModelMigration";

  /**
   * @param running the model search-api's Deployment runs now, if it exists
   */
  public static MigrationReport of(
      ImageSearchCluster cluster, ModelStateReading reading, Optional<EmbeddingModel> running) {
    EmbeddingModel wanted = EmbeddingModel.of(cluster);
    return switch (reading) {
      case ModelStateReading.Absent absent -> noState(wanted);
      case ModelStateReading.Unreadable unreadable ->
          unreadable(wanted, running.orElse(wanted), unreadable.reason());
      case ModelStateReading.Found found -> found(wanted, found.state(), running);
    };
  }

  private static MigrationReport noState(EmbeddingModel wanted) {
    ModelStatus status = status(wanted, "NoState");
    return new MigrationReport(
        wanted,
        status,
        "False",
        "NoState",
        "No model state in Redis yet: the workers write it when they start; every service loads "
            + wanted.location(),
        true);
  }

  private static MigrationReport unreadable(
      EmbeddingModel wanted, EmbeddingModel kept, String reason) {
    ModelStatus status = status(kept, "Unknown");
    return new MigrationReport(
        kept,
        status,
        "Unknown",
        "StateUnreadable",
        "Cannot read the model state: "
            + reason
            + "; search-api keeps "
            + kept.location()
            + ", the workers load "
            + wanted.location(),
        true);
  }

  private static MigrationReport found(
      EmbeddingModel wanted, ModelState state, Optional<EmbeddingModel> running) {
    ModelRef active = state.active();
    // A state that cannot say where its active model comes from (never written so by the
    // workers) leaves search-api on spec.model rather than on an empty location.
    // The services store folders as absolute paths: a spelling that already names the active
    // model (search-api's own, then spec.model's) is kept, so search-api does not roll for a
    // different spelling of the model it runs.
    EmbeddingModel serving =
        active.location().isBlank()
            ? wanted
            : running
                .filter(model -> is(model, active))
                .or(() -> Optional.of(wanted).filter(model -> is(model, active)))
                .orElseGet(
                    () ->
                        new EmbeddingModel(
                            active.location(), active.format().toUpperCase(Locale.ROOT)));
    ModelStatus status = status(serving, null);
    status.active = active.describe();
    state.previous().ifPresent(p -> status.previous = p.model().describe());
    Optional<Migration> migration = state.migration();
    migration.ifPresent(m -> describe(m, status));
    boolean wantsActive = is(wanted, active);

    if (migration.isPresent()) {
      Migration m = migration.get();
      String target = m.target().describe();
      if (wantsActive) {
        return report(
            serving,
            status,
            "Cancelling",
            "cancelling",
            "True",
            "spec.model is back to the serving model "
                + active.describe()
                + ": the workers cancel the migration to "
                + target);
      }
      return switch (m.phase()) {
        case REINDEXING ->
            report(
                serving,
                status,
                "Reindexing",
                progress(m),
                "True",
                "Re-embedding the library into "
                    + target
                    + ": "
                    + progress(m).replace(" (", " images (")
                    + "; "
                    + active.describe()
                    + " keeps serving");
        case EVALUATING ->
            report(
                serving,
                status,
                "Evaluating",
                "evaluating",
                "True",
                "All "
                    + m.done()
                    + " images are in the index of "
                    + target
                    + "; the recall gate evaluates it while "
                    + active.describe()
                    + " keeps serving");
        case REFUSED ->
            report(
                serving,
                status,
                "GateRefused",
                "refused",
                "False",
                "The recall gate refused "
                    + target
                    + ": "
                    + m.gate().map(MigrationReport::gate).orElse("no measurement recorded")
                    + "; "
                    + active.describe()
                    + " keeps serving; set spec.model back to "
                    + serving.location()
                    + " to drop the candidate");
      };
    }
    if (wantsActive) {
      return state
          .previous()
          .map(p -> complete(serving, status, active, p))
          .orElseGet(
              () ->
                  report(
                      serving,
                      status,
                      "Serving",
                      null,
                      "False",
                      active.describe() + " serves; no change of model in progress"));
    }
    boolean rollback = state.previous().filter(p -> is(wanted, p.model())).isPresent();
    return rollback
        ? report(
            serving,
            status,
            "RollingBack",
            "rolling back",
            "True",
            "spec.model is back to "
                + wanted.location()
                + ": the workers switch back to its kept index without re-embedding; "
                + active.describe()
                + " serves until then")
        : report(
            serving,
            status,
            "Starting",
            "starting",
            "True",
            "spec.model is "
                + wanted.location()
                + ": waiting for the workers that load it to start re-embedding the library; "
                + active.describe()
                + " keeps serving");
  }

  private static MigrationReport complete(
      EmbeddingModel serving, ModelStatus status, ModelRef active, PreviousModel previous) {
    status.phase = "Serving";
    return new MigrationReport(
        serving,
        status,
        "False",
        "Complete",
        active.describe()
            + " serves since "
            + previous.switchedAt()
            + "; "
            + previous.model().describe()
            + " is kept for a rollback until "
            + previous.keepUntil(),
        // A rollback through the API changes the state while no resource changes.
        true);
  }

  private static MigrationReport report(
      EmbeddingModel serving,
      ModelStatus status,
      String phase,
      String progress,
      String condition,
      String message) {
    status.phase = phase;
    status.progress = progress;
    boolean idle = "Serving".equals(phase) && status.previous == null;
    return new MigrationReport(
        serving,
        status,
        condition,
        phase,
        message,
        // Idle with nothing to roll back to: only a spec change starts anything.
        !idle);
  }

  private static ModelStatus status(EmbeddingModel searchModel, String phase) {
    ModelStatus status = new ModelStatus();
    status.searchApiModel = searchModel.location();
    status.phase = phase;
    return status;
  }

  private static void describe(Migration m, ModelStatus status) {
    status.target = m.target().describe();
    status.done = m.done();
    status.total = m.total();
    m.gate()
        .ifPresent(
            g ->
                g.checks()
                    .forEach(
                        c ->
                            status.gate.add(
                                new ModelStatus.RecallCheckStatus(
                                    c.name(), c.k(), c.queries(), c.current(), c.candidate()))));
  }

  /** "1200/5000 (24%)". */
  static String progress(Migration m) {
    long percent = m.total() == 0 ? 0 : Math.min(100, m.done() * 100 / m.total());
    return m.done() + "/" + m.total() + " (" + percent + "%)";
  }

  /** The gate's own reason, then its numbers: "golden recall@10 0.80 now, 0.40 candidate". */
  static String gate(GateResult gate) {
    String numbers =
        gate.checks().stream().map(MigrationReport::check).collect(Collectors.joining("; "));
    return numbers.isEmpty() ? gate.reason() : gate.reason() + " (" + numbers + ")";
  }

  private static String check(RecallCheck c) {
    return String.format(
        Locale.ROOT,
        "%s recall@%d over %d queries: %.2f serving, %.2f candidate",
        c.name(),
        c.k(),
        c.queries(),
        c.current(),
        c.candidate());
  }

  /** spec.model names this model: same location and format. */
  static boolean is(EmbeddingModel wanted, ModelRef model) {
    return wanted.names(model.location(), model.format());
  }
}
