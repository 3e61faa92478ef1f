package io.imagesearch.wiring;

import io.imagesearch.application.LibraryReindex;
import io.imagesearch.application.MigrationEvents;
import io.imagesearch.application.ModelMigration;
import io.imagesearch.application.ModelsStatus;
import io.imagesearch.core.model.GateResult;
import io.imagesearch.core.model.ModelRef;
import io.imagesearch.core.model.RecallCheck;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The model change as metrics: {@code imagesearch.search.recall{model,check}} (Prometheus {@code
 * imagesearch_search_recall}) with the last gate's numbers for both models, the migration's
 * progress, and the images every walk embedded.
 */
public final class ModelMetrics implements MigrationEvents, MeterBinder {

  private final LibraryReindex reindex;
  private volatile ModelMigration migration;
  private volatile MultiGauge recall;
  private volatile Gated last;

  public ModelMetrics(LibraryReindex reindex) {
    this.reindex = reindex;
  }

  /** The migration whose status the gauges read, with the gate result its state holds. */
  public void observe(ModelMigration observed) {
    this.migration = observed;
    ModelsStatus status = observed.status();
    status
        .migration()
        .flatMap(
            m ->
                m.migration()
                    .gate()
                    .map(g -> new Gated(status.active(), m.migration().target(), g)))
        .ifPresent(g -> gateEvaluated(g.current(), g.candidate(), g.result()));
  }

  @Override
  public void bindTo(MeterRegistry meters) {
    recall =
        MultiGauge.builder("imagesearch.search.recall")
            .description("recall@k of the last recall gate, per model and check")
            .register(meters);
    Gauge.builder(
            "imagesearch.migration.images.walked",
            () -> migration().map(m -> (double) m.migration().done()).orElse(0.0))
        .description("stored images the migration in progress has walked")
        .register(meters);
    Gauge.builder(
            "imagesearch.migration.images.stored",
            () -> migration().map(m -> (double) m.migration().total()).orElse(0.0))
        .description("stored images the migration in progress walks")
        .register(meters);
    Gauge.builder(
            "imagesearch.migration.rate",
            () -> migration().map(ModelsStatus.MigrationStatus::imagesPerSecond).orElse(0.0))
        .description("images per second the migration walks in this process")
        .baseUnit("images/s")
        .register(meters);
    FunctionCounter.builder("imagesearch.reindex.images", reindex, LibraryReindex::embeddedSoFar)
        .description("images embedded by library-wide reindexes (migrations and rebuilds)")
        .register(meters);
    Gated gated = last;
    if (gated != null) {
      gateEvaluated(gated.current(), gated.candidate(), gated.result());
    }
  }

  private record Gated(ModelRef current, ModelRef candidate, GateResult result) {}

  @Override
  public void gateEvaluated(ModelRef current, ModelRef candidate, GateResult result) {
    last = new Gated(current, candidate, result);
    MultiGauge gauge = recall;
    if (gauge == null) {
      return;
    }
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (RecallCheck check : result.checks()) {
      rows.add(
          MultiGauge.Row.of(
              Tags.of("model", current.modelId(), "check", check.name()), check.current()));
      rows.add(
          MultiGauge.Row.of(
              Tags.of("model", candidate.modelId(), "check", check.name()), check.candidate()));
    }
    gauge.register(rows, true);
  }

  private Optional<ModelsStatus.MigrationStatus> migration() {
    ModelMigration observed = migration;
    return observed == null ? Optional.empty() : observed.status().migration();
  }
}
