package io.imagesearch.operator.migration;

import static io.imagesearch.operator.migration.ModelStates.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.core.model.ModelState;
import io.imagesearch.operator.api.ModelStatus;
import io.imagesearch.operator.model.EmbeddingModel;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MigrationReportTest {
  private static final EmbeddingModel A = new EmbeddingModel("models/tiny-clip", "ONNX");
  private static final EmbeddingModel B = new EmbeddingModel("models/tiny-clip-b", "ONNX");

  @Test
  void withoutAStateEveryServiceLoadsSpecModel() {
    MigrationReport report =
        MigrationReport.of(
            cluster("models/tiny-clip-b"), new ModelStateReading.Absent(), Optional.of(A));

    assertThat(report.searchModel()).isEqualTo(B);
    assertThat(report.condition()).isEqualTo("False");
    assertThat(report.reason()).isEqualTo("NoState");
    assertThat(report.message()).contains("No model state in Redis yet");
  }

  @Test
  void anUnreadableStateKeepsSearchApiOnTheModelItRunsAndSaysWhy() {
    MigrationReport report =
        MigrationReport.of(
            cluster("models/tiny-clip-b"),
            new ModelStateReading.Unreadable("Redis at r:6379 cannot be read: Connection refused"),
            Optional.of(A));

    assertThat(report.searchModel()).isEqualTo(A);
    assertThat(report.condition()).isEqualTo("Unknown");
    assertThat(report.reason()).isEqualTo("StateUnreadable");
    assertThat(report.message())
        .contains("Connection refused")
        .contains("search-api keeps models/tiny-clip")
        .contains("the workers load models/tiny-clip-b");
    assertThat(report.status().phase).isEqualTo("Unknown");
  }

  @Test
  void anUnreadableStateBeforeSearchApiExistsGivesItSpecModel() {
    MigrationReport report =
        MigrationReport.of(
            cluster("models/tiny-clip"),
            new ModelStateReading.Unreadable("Redis at r:6379 cannot be read: timeout"),
            Optional.empty());

    assertThat(report.searchModel()).isEqualTo(A);
  }

  @Test
  void anIdleClusterServesItsModelWithNothingToPoll() {
    MigrationReport report = found("models/tiny-clip", ModelStates.serving(ModelStates.A));

    assertThat(report.searchModel()).isEqualTo(A);
    assertThat(report.condition()).isEqualTo("False");
    assertThat(report.reason()).isEqualTo("Serving");
    assertThat(report.status().active).isEqualTo("tiny-clip-v1 (64-d)");
    assertThat(report.status().progress).isNull();
    assertThat(report.changing()).isFalse();
  }

  @Test
  void aNewSpecModelStartsWhileTheActiveModelKeepsServing() {
    MigrationReport report = found("models/tiny-clip-b", ModelStates.serving(ModelStates.A));

    assertThat(report.searchModel()).isEqualTo(A);
    assertThat(report.condition()).isEqualTo("True");
    assertThat(report.reason()).isEqualTo("Starting");
    assertThat(report.status().progress).isEqualTo("starting");
  }

  @Test
  void reindexingReportsItsProgressInTheConditionAndTheColumn() {
    MigrationReport report = found("models/tiny-clip-b", ModelStates.reindexing(1200, 5000));

    assertThat(report.searchModel()).isEqualTo(A);
    assertThat(report.condition()).isEqualTo("True");
    assertThat(report.reason()).isEqualTo("Reindexing");
    assertThat(report.message())
        .isEqualTo(
            "Re-embedding the library into tiny-clip-b-v1 (32-d): 1200/5000 images (24%);"
                + " tiny-clip-v1 (64-d) keeps serving");
    ModelStatus status = report.status();
    assertThat(status.progress).isEqualTo("1200/5000 (24%)");
    assertThat(status.target).isEqualTo("tiny-clip-b-v1 (32-d)");
    assertThat(status.done).isEqualTo(1200);
    assertThat(status.total).isEqualTo(5000);
    assertThat(status.searchApiModel).isEqualTo("models/tiny-clip");
  }

  @Test
  void evaluatingSaysTheGateRuns() {
    MigrationReport report = found("models/tiny-clip-b", ModelStates.evaluating());

    assertThat(report.condition()).isEqualTo("True");
    assertThat(report.reason()).isEqualTo("Evaluating");
    assertThat(report.message()).contains("All 300 images").contains("recall gate");
  }

  @Test
  void aRefusedGateIsFalseWithItsRecallNumbers() {
    MigrationReport report = found("models/tiny-clip-b", ModelStates.refused());

    assertThat(report.searchModel()).isEqualTo(A);
    assertThat(report.condition()).isEqualTo("False");
    assertThat(report.reason()).isEqualTo("GateRefused");
    assertThat(report.message())
        .contains("golden recall@10 over 20 queries: 0.80 serving, 0.40 candidate")
        .contains("self-consistency recall@1 over 50 queries: 1.00 serving, 0.50 candidate")
        .contains("set spec.model back to models/tiny-clip");
    assertThat(report.status().gate)
        .containsExactly(
            new ModelStatus.RecallCheckStatus("golden", 10, 20, 0.8, 0.4),
            new ModelStatus.RecallCheckStatus("self-consistency", 1, 50, 1.0, 0.5));
    assertThat(report.status().progress).isEqualTo("refused");
  }

  @Test
  void afterTheSwitchSearchApiLoadsTheNewModelAndTheConditionIsComplete() {
    MigrationReport report = found("models/tiny-clip-b", ModelStates.switched());

    assertThat(report.searchModel()).isEqualTo(B);
    assertThat(report.condition()).isEqualTo("False");
    assertThat(report.reason()).isEqualTo("Complete");
    assertThat(report.message())
        .contains("tiny-clip-b-v1 (32-d) serves since")
        .contains("tiny-clip-v1 (64-d) is kept for a rollback until 2026-12-13T08:00:00Z");
    assertThat(report.status().previous).isEqualTo("tiny-clip-v1 (64-d)");
    assertThat(report.status().progress).isNull();
    // A rollback through the API changes the state alone: keep reading it.
    assertThat(report.changing()).isTrue();
  }

  @Test
  void revertingSpecModelAfterTheSwitchRollsBackWithoutMovingSearchApiEarly() {
    // After the switch search-api runs B.
    MigrationReport report =
        MigrationReport.of(
            cluster("models/tiny-clip"),
            new ModelStateReading.Found(ModelStates.switched()),
            Optional.of(B));

    assertThat(report.searchModel()).isEqualTo(B);
    assertThat(report.condition()).isEqualTo("True");
    assertThat(report.reason()).isEqualTo("RollingBack");
    assertThat(report.message()).contains("without re-embedding");

    MigrationReport done = found("models/tiny-clip", ModelStates.rolledBack());
    assertThat(done.searchModel()).isEqualTo(A);
    assertThat(done.reason()).isEqualTo("Complete");
  }

  @Test
  void revertingSpecModelBeforeTheSwitchCancels() {
    MigrationReport report = found("models/tiny-clip", ModelStates.reindexing(10, 300));

    assertThat(report.searchModel()).isEqualTo(A);
    assertThat(report.condition()).isEqualTo("True");
    assertThat(report.reason()).isEqualTo("Cancelling");
  }

  @Test
  void progressRoundsDownAndSurvivesAnEmptyLibrary() {
    assertThat(found("models/tiny-clip-b", ModelStates.reindexing(0, 0)).status().progress)
        .isEqualTo("0/0 (0%)");
    assertThat(found("models/tiny-clip-b", ModelStates.reindexing(299, 300)).status().progress)
        .isEqualTo("299/300 (99%)");
  }

  @Test
  void equalStatesGiveEqualReports() {
    assertThat(found("models/tiny-clip-b", ModelStates.refused()))
        .isEqualTo(found("models/tiny-clip-b", ModelStates.refused()));
  }

  private static MigrationReport found(String specLocation, ModelState state) {
    return MigrationReport.of(
        cluster(specLocation), new ModelStateReading.Found(state), Optional.of(A));
  }
}
