package io.imagesearch.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.imagesearch.operator.api.ComponentStatus;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterStatus;
import io.imagesearch.operator.model.ImageDefaults;
import io.imagesearch.operator.scaling.BacklogSource;
import io.imagesearch.operator.scaling.WorkerScaler;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A reconciliation that throws leaves its reason in the status, and nothing else changed. */
class ErrorStatusTest {
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private static final String QUOTA =
      "configmaps \"demo-config\" is forbidden: exceeded quota: q, requested: configmaps=1";

  private final ImageSearchClusterReconciler reconciler =
      new ImageSearchClusterReconciler(
          new WorkerScaler(BacklogSource.UNKNOWN, Clock.fixed(NOW, ZoneOffset.UTC)),
          Clock.fixed(NOW, ZoneOffset.UTC),
          ImageDefaults.BUILT_IN);

  @Test
  void failedChildrenAreNamedWithTheirMessagesAndNoStackTrace() {
    ImageSearchCluster cluster = readyCluster();
    Exception error =
        new AggregatedOperatorException(
            "Exception(s) during workflow execution.",
            Map.of(
                "config",
                refused(QUOTA),
                "credentials",
                new IllegalStateException(
                    "wrapped", new IllegalArgumentException("key redis-password is empty"))));

    ImageSearchClusterStatus status = errorStatus(cluster, error);

    Condition failed = condition(status, StatusModel.RECONCILE_ERROR);
    assertThat(failed.getStatus()).isEqualTo("True");
    assertThat(failed.getReason()).isEqualTo("ChildrenFailed");
    assertThat(failed.getMessage())
        .isEqualTo("config: " + QUOTA + "; credentials: wrapped: key redis-password is empty")
        .doesNotContain("\tat ")
        .doesNotContain("\n");
    assertThat(failed.getLastTransitionTime()).isEqualTo("2026-12-02T10:00:00Z");
    assertThat(failed.getObservedGeneration()).isEqualTo(3L);
  }

  @Test
  void everyOtherPartOfTheStatusIsKept() {
    ImageSearchCluster cluster = readyCluster();

    ImageSearchClusterStatus status =
        errorStatus(cluster, new KubernetesClientException("connection refused"));

    ImageSearchClusterStatus before = readyCluster().getStatus();
    assertThat(status.phase).isEqualTo(before.phase);
    assertThat(status.observedGeneration).isEqualTo(before.observedGeneration);
    assertThat(status.components).isEqualTo(before.components);
    assertThat(status.endpoints).isEqualTo(before.endpoints);
    assertThat(status.workers).isEqualTo(before.workers);
    assertThat(status.conditions).contains(before.conditions.get(0));
    assertThat(condition(status, StatusModel.RECONCILE_ERROR).getReason())
        .isEqualTo("ReconcileFailed");
    assertThat(condition(status, StatusModel.RECONCILE_ERROR).getMessage())
        .isEqualTo("connection refused");
  }

  @Test
  void theSameFailureAgainWritesNothingAndANewOneReplacesIt() {
    ImageSearchCluster cluster = readyCluster();
    cluster.setStatus(errorStatus(cluster, new KubernetesClientException("connection refused")));

    assertThat(
            reconciler
                .updateErrorStatus(
                    cluster, null, new KubernetesClientException("connection refused"))
                .getResource())
        .isEmpty();

    ImageSearchClusterStatus next = errorStatus(cluster, new KubernetesClientException("timeout"));
    assertThat(next.conditions)
        .filteredOn(c -> c.getType().equals(StatusModel.RECONCILE_ERROR))
        .singleElement()
        .satisfies(c -> assertThat(c.getMessage()).isEqualTo("timeout"));
  }

  @Test
  void aLongAnswerIsCut() {
    ImageSearchClusterStatus status =
        errorStatus(readyCluster(), new KubernetesClientException("x".repeat(5000)));

    String message = condition(status, StatusModel.RECONCILE_ERROR).getMessage();
    assertThat(message).hasSize(ReconcileErrors.MAX_MESSAGE_LENGTH).endsWith("...");
  }

  /** As the client throws it: its message repeats the request and the whole Status. */
  private static KubernetesClientException refused(String message) {
    return new KubernetesClientException(
        "Failure executing: POST at: https://127.0.0.1:6443/api/v1/namespaces/ns/configmaps."
            + " Message: "
            + message
            + ". Received status: Status(code=403, ...).",
        403,
        new StatusBuilder().withCode(403).withReason("Forbidden").withMessage(message).build());
  }

  private ImageSearchClusterStatus errorStatus(ImageSearchCluster cluster, Exception error) {
    ErrorStatusUpdateControl<ImageSearchCluster> control =
        reconciler.updateErrorStatus(cluster, null, error);
    ImageSearchCluster patch = control.getResource().orElseThrow();
    assertThat(patch.getMetadata().getName()).isEqualTo("demo");
    assertThat(patch.getMetadata().getResourceVersion()).isNull();
    return patch.getStatus();
  }

  private static ImageSearchCluster readyCluster() {
    ImageSearchCluster cluster = TestClusters.demo(3);
    ImageSearchClusterStatus status = new ImageSearchClusterStatus();
    status.observedGeneration = 3L;
    status.phase = "Ready";
    status.workers = 2;
    status.components.put("worker", new ComponentStatus(2, 2));
    status.endpoints.put("redis", "demo-redis.ns.svc:6379");
    status.conditions.add(
        new ConditionBuilder()
            .withType("Ready")
            .withStatus("True")
            .withReason("AllComponentsReady")
            .withMessage("All services and dependencies are ready")
            .withObservedGeneration(3L)
            .withLastTransitionTime("2026-12-01T08:00:00Z")
            .build());
    cluster.setStatus(status);
    return cluster;
  }

  private static Condition condition(ImageSearchClusterStatus status, String type) {
    return status.conditions.stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }
}
