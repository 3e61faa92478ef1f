package io.imagesearch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.model.Names;
import io.imagesearch.operator.reconciler.WorkloadStates;
import io.imagesearch.testsupport.KubeApiServer;
import io.imagesearch.testsupport.SharedServers;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.time.Duration;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The status tells the truth about broken workloads, read through the operator's pod informer from
 * a real API server. There is no kubelet, scheduler or Deployment controller: the test writes the
 * pod and Deployment status they would report.
 */
@ExtendWith(SharedServers.class)
class DegradedStatusIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String NAME = "broken";

  private KubernetesClient client;
  private Operator operator;
  private String namespace;

  @BeforeEach
  void start(KubeApiServer server) throws Exception {
    client = server.newClient();
    TestCluster.applyCrd(client);
    namespace = TestCluster.newNamespace(client, "degraded");
    operator = TestCluster.operator(client, namespace, Metrics.NOOP);
    operator.start();
  }

  @AfterEach
  void stop() {
    operator.stop();
    client.close();
  }

  @Test
  void crashLoopUnschedulableAndStuckRolloutAreDegradedUntilFixed() {
    ImageSearchCluster cluster = TestCluster.cluster(NAME, namespace);
    client.resource(cluster).inNamespace(namespace).create();
    await().atMost(WAIT).until(() -> count(StatefulSet.class) == 3);
    TestCluster.markStatefulSetsReady(client, namespace);
    await().atMost(WAIT).until(() -> count(Deployment.class) == 4);
    TestCluster.markDeploymentsReady(client, namespace);
    await().atMost(WAIT).until(() -> "True".equals(condition("Ready")));

    // Every worker pod crash-loops: none available.
    pod("worker", "broken-worker-abc", WorkloadStates.crashLooping("worker"));
    deploymentStatus("broken-worker", g -> WorkloadStates.neverAvailable(1, g));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(condition("Degraded")).isEqualTo("True");
              assertThat(message("Degraded"))
                  .contains(
                      "worker: pod broken-worker-abc CrashLoopBackOff (" + WorkloadStates.BACK_OFF);
              assertThat(condition("Ready")).isEqualTo("False");
              assertThat(get().getStatus().phase).isEqualTo("Degraded");
            });

    // search-api: the new pod cannot be scheduled while the old one still serves, past the
    // progress deadline.
    pod("search-api", "broken-search-api-old", WorkloadStates.running("search-api"));
    pod("search-api", "broken-search-api-new", WorkloadStates.unschedulable());
    deploymentStatus("broken-search-api", g -> WorkloadStates.stuckRollout(g, true));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(message("Degraded"))
                    .contains(
                        "search-api: pod broken-search-api-new Unschedulable: 0/1 nodes are"
                            + " available: 1 Insufficient cpu")
                    .contains("search-api: rollout stuck, ProgressDeadlineExceeded")
                    .doesNotContain("broken-search-api-old"));

    // Fixed: the broken pods are gone and every rollout completes.
    client.pods().inNamespace(namespace).withName("broken-worker-abc").delete();
    client.pods().inNamespace(namespace).withName("broken-search-api-new").delete();
    TestCluster.markDeploymentsReady(client, namespace);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(condition("Degraded")).isEqualTo("False");
              assertThat(condition("Ready")).isEqualTo("True");
            });
  }

  /** A pod of a component, labelled as its Deployment's template labels it, in a given state. */
  private void pod(String component, String name, PodStatus status) {
    Pod pod =
        client
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(namespace)
                    .withLabels(Names.labels(TestCluster.cluster(NAME, namespace), component))
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName(component)
                    .withImage("imagesearch.local/" + component + ":dev")
                    .endContainer()
                    .endSpec()
                    .build())
            .create();
    pod.setStatus(status);
    client.resource(pod).updateStatus();
  }

  private void deploymentStatus(String name, LongFunction<DeploymentStatus> status) {
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
    d.setStatus(status.apply(d.getMetadata().getGeneration()));
    client.resource(d).updateStatus();
  }

  private long count(Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> type) {
    return client.resources(type).inNamespace(namespace).list().getItems().size();
  }

  private ImageSearchCluster get() {
    return client.resources(ImageSearchCluster.class).inNamespace(namespace).withName(NAME).get();
  }

  private String condition(String type) {
    ImageSearchCluster c = get();
    if (c == null || c.getStatus() == null) {
      return null;
    }
    return c.getStatus().conditions.stream()
        .filter(x -> x.getType().equals(type))
        .map(x -> x.getStatus())
        .findFirst()
        .orElse(null);
  }

  private String message(String type) {
    return get().getStatus().conditions.stream()
        .filter(x -> x.getType().equals(type))
        .map(x -> x.getMessage())
        .findFirst()
        .orElse("");
  }
}
