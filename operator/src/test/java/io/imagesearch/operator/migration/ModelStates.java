package io.imagesearch.operator.migration;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.imagesearch.core.model.GateResult;
import io.imagesearch.core.model.Migration;
import io.imagesearch.core.model.ModelRef;
import io.imagesearch.core.model.ModelState;
import io.imagesearch.core.model.PreviousModel;
import io.imagesearch.core.model.RecallCheck;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Model states as the workers write them, for the two models the repository ships. */
final class ModelStates {
  static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
  static final ModelRef A = new ModelRef("tiny-clip-v1", 64, "/models/tiny-clip", "ONNX");
  static final ModelRef B = new ModelRef("tiny-clip-b-v1", 32, "/models/tiny-clip-b", "ONNX");

  private ModelStates() {}

  static ImageSearchCluster cluster(String location) {
    return new ImageSearchClusterBuilder()
        .withMetadata(
            new ObjectMetaBuilder()
                .withName("demo")
                .withNamespace("ns")
                .withUid("uid-1")
                .withGeneration(2L)
                .build())
        .withNewSpec()
        .withVersion("1.2.3")
        .editModel()
        .withLocation(location)
        .endModel()
        .endSpec()
        .build();
  }

  static ModelState serving(ModelRef active) {
    return ModelState.first(active);
  }

  static ModelState reindexing(long done, long total) {
    Migration m = Migration.start(B, T0).counted(total).advanced("images/x", done);
    return new ModelState(5, A, B, Optional.of(m), Optional.empty());
  }

  static ModelState evaluating() {
    Migration m =
        Migration.start(B, T0)
            .counted(300)
            .advanced("images/z", 300)
            .inPhase(Migration.Phase.EVALUATING);
    return new ModelState(6, A, B, Optional.of(m), Optional.empty());
  }

  static ModelState refused() {
    GateResult gate =
        new GateResult(
            false,
            "the candidate finds fewer of the expected images than the serving model",
            T0.plusSeconds(60),
            List.of(
                new RecallCheck(RecallCheck.GOLDEN, 10, 20, 0.8, 0.4),
                new RecallCheck(RecallCheck.SELF_CONSISTENCY, 1, 50, 1.0, 0.5)));
    Migration m =
        Migration.start(B, T0)
            .counted(300)
            .advanced("images/z", 300)
            .inPhase(Migration.Phase.EVALUATING)
            .gated(gate);
    return new ModelState(7, A, B, Optional.of(m), Optional.empty());
  }

  /** B serves since the switch, A kept for a rollback. */
  static ModelState switched() {
    return new ModelState(
        8,
        B,
        B,
        Optional.empty(),
        Optional.of(new PreviousModel(A, T0.plusSeconds(120), T0.plus(Duration.ofDays(7)))));
  }

  /** A serves again after a rollback, B kept. */
  static ModelState rolledBack() {
    return new ModelState(
        9,
        A,
        A,
        Optional.empty(),
        Optional.of(new PreviousModel(B, T0.plusSeconds(300), T0.plus(Duration.ofDays(7)))));
  }
}
