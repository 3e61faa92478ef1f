package io.imagesearch.operator.migration;

import static io.imagesearch.operator.migration.ModelStates.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.core.model.ModelState;
import io.imagesearch.operator.api.ModelStatus;
import io.imagesearch.operator.model.EmbeddingModel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MigrationEventTest {

  @Test
  void eachStepOfAMigrationIsReportedOnce() {
    ModelStatus idle = status("models/tiny-clip", ModelStates.serving(ModelStates.A));
    ModelStatus starting = status("models/tiny-clip-b", ModelStates.serving(ModelStates.A));
    ModelStatus early = status("models/tiny-clip-b", ModelStates.reindexing(10, 300));
    ModelStatus later = status("models/tiny-clip-b", ModelStates.reindexing(200, 300));
    ModelStatus evaluating = status("models/tiny-clip-b", ModelStates.evaluating());
    ModelStatus switched = status("models/tiny-clip-b", ModelStates.switched());

    assertThat(reasons(idle, starting)).isEmpty();
    assertThat(reasons(starting, early)).containsExactly(MigrationEvent.STARTED);
    assertThat(reasons(early, later)).isEmpty();
    assertThat(reasons(later, evaluating)).isEmpty();
    assertThat(reasons(evaluating, switched)).containsExactly(MigrationEvent.SWITCHED);
    assertThat(reasons(switched, switched)).isEmpty();
  }

  @Test
  void aMigrationFirstSeenEvaluatingStillStarts() {
    ModelStatus starting = status("models/tiny-clip-b", ModelStates.serving(ModelStates.A));

    assertThat(reasons(starting, status("models/tiny-clip-b", ModelStates.evaluating())))
        .containsExactly(MigrationEvent.STARTED);
    assertThat(reasons(null, status("models/tiny-clip-b", ModelStates.reindexing(1, 2))))
        .containsExactly(MigrationEvent.STARTED);
  }

  @Test
  void aRefusalIsAWarningWithTheConditionsMessage() {
    ModelStatus evaluating = status("models/tiny-clip-b", ModelStates.evaluating());
    ModelStatus refused = status("models/tiny-clip-b", ModelStates.refused());

    List<MigrationEvent> events = MigrationEvent.between(evaluating, refused, "numbers");
    assertThat(events).containsExactly(new MigrationEvent(MigrationEvent.REFUSED, true, "numbers"));
    assertThat(reasons(refused, refused)).isEmpty();
  }

  @Test
  void returningToThePreviousModelIsARollback() {
    ModelStatus rollingBack = status("models/tiny-clip", ModelStates.switched());
    ModelStatus rolledBack = status("models/tiny-clip", ModelStates.rolledBack());

    List<MigrationEvent> events = MigrationEvent.between(rollingBack, rolledBack, "");
    assertThat(events)
        .extracting(MigrationEvent::reason)
        .containsExactly(MigrationEvent.ROLLED_BACK);
    assertThat(events.getFirst().message())
        .isEqualTo("Rolled back from tiny-clip-b-v1 (32-d) to tiny-clip-v1 (64-d) (kept index)");
  }

  @Test
  void theEventNameIsValidAndTheSameForTheSameStep() {
    MigrationEvent event = new MigrationEvent(MigrationEvent.STARTED, false, "m");
    String name = EventRecorder.name(cluster("models/tiny-clip"), event, "2|a|b");

    assertThat(name).matches("demo\\.migrationstarted\\.[0-9a-f]{16}");
    assertThat(EventRecorder.name(cluster("models/tiny-clip"), event, "2|a|b")).isEqualTo(name);
    assertThat(EventRecorder.name(cluster("models/tiny-clip"), event, "3|a|b")).isNotEqualTo(name);
  }

  private static List<String> reasons(ModelStatus before, ModelStatus after) {
    return MigrationEvent.between(before, after, "").stream().map(MigrationEvent::reason).toList();
  }

  private static ModelStatus status(String specLocation, ModelState state) {
    return MigrationReport.of(
            cluster(specLocation),
            new ModelStateReading.Found(state),
            Optional.of(new EmbeddingModel("models/tiny-clip", "ONNX")))
        .status();
  }
}
