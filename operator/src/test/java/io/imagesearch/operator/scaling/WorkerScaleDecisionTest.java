package io.imagesearch.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerScaleDecisionTest {
  private static final WorkerScaleDecision.Settings SETTINGS =
      new WorkerScaleDecision.Settings(1, 10, 100, Duration.ofSeconds(300));
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void recommendationIsTheCeilingClampedToTheBounds() {
    assertThat(WorkerScaleDecision.recommendation(0, SETTINGS)).isEqualTo(1);
    assertThat(WorkerScaleDecision.recommendation(100, SETTINGS)).isEqualTo(1);
    assertThat(WorkerScaleDecision.recommendation(101, SETTINGS)).isEqualTo(2);
    assertThat(WorkerScaleDecision.recommendation(1_000_000, SETTINGS)).isEqualTo(10);
  }

  @Test
  void scalesUpImmediately() {
    WorkerScaleDecision decision = new WorkerScaleDecision(1);

    assertThat(decision.next(750, SETTINGS, T0)).isEqualTo(8);
  }

  @Test
  void scalesDownOnlyAfterTheLowerValuePersistedForTheWindow() {
    WorkerScaleDecision decision = new WorkerScaleDecision(1);
    decision.next(800, SETTINGS, T0);

    assertThat(decision.next(50, SETTINGS, T0.plusSeconds(30))).isEqualTo(8);
    assertThat(decision.next(50, SETTINGS, T0.plusSeconds(329))).isEqualTo(8);
    assertThat(decision.next(50, SETTINGS, T0.plusSeconds(330))).isEqualTo(1);
  }

  @Test
  void aBacklogSeriesThatOscillatesDoesNotFlap() {
    WorkerScaleDecision decision = new WorkerScaleDecision(1);
    List<Integer> replicas = new ArrayList<>();
    // Every 30 s the backlog alternates between 500 and 100: demand of 5 then 1 worker.
    for (int i = 0; i < 40; i++) {
      long backlog = i % 2 == 0 ? 500 : 100;
      replicas.add(decision.next(backlog, SETTINGS, T0.plusSeconds(30L * i)));
    }

    assertThat(replicas).containsOnly(5);
  }

  @Test
  void aDropThatRecoversWithinTheWindowRestartsTheWindow() {
    WorkerScaleDecision decision = new WorkerScaleDecision(1);
    decision.next(600, SETTINGS, T0);
    decision.next(100, SETTINGS, T0.plusSeconds(200));
    decision.next(600, SETTINGS, T0.plusSeconds(250));

    // The lower value must persist a whole window again from its new start.
    assertThat(decision.next(100, SETTINGS, T0.plusSeconds(400))).isEqualTo(6);
    assertThat(decision.next(100, SETTINGS, T0.plusSeconds(699))).isEqualTo(6);
    assertThat(decision.next(100, SETTINGS, T0.plusSeconds(700))).isEqualTo(1);
  }

  @Test
  void scalesDownToTheHighestDemandSeenDuringTheWindow() {
    WorkerScaleDecision decision = new WorkerScaleDecision(1);
    decision.next(1000, SETTINGS, T0);
    decision.next(100, SETTINGS, T0.plusSeconds(10));
    decision.next(400, SETTINGS, T0.plusSeconds(100));

    assertThat(decision.next(100, SETTINGS, T0.plusSeconds(310))).isEqualTo(4);
  }

  @Test
  void newBoundsApplyToTheCurrentValue() {
    WorkerScaleDecision decision = new WorkerScaleDecision(9);
    var smaller = new WorkerScaleDecision.Settings(1, 3, 100, Duration.ofSeconds(300));

    assertThat(decision.next(0, smaller, T0)).isEqualTo(3);
  }

  @Test
  void invalidSettingsAreRefused() {
    assertThatThrownBy(() -> new WorkerScaleDecision.Settings(5, 2, 100, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
