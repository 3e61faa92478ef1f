package io.imagesearch.clustere2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's built-in scaler reads the backlog from the in-cluster Redis: a burst of uploads
 * waiting in the queue adds a worker, and once the backlog has stayed low for the stabilisation
 * window (shortened here from the default 300 s) the workers go back to the minimum. The operator
 * logs each change with the backlog it saw ("Workers of demo/demo: 1 -> 2 (backlog 19, ...)").
 */
@ExtendWith(RealClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(6)
class BacklogScalingIT {
  /**
   * Longer than a worker pod takes to start: a warm worker drains the 80 uploads in seconds, and a
   * shorter window would let the operator take the second worker back before it is Ready.
   */
  private static final int STABILIZATION_SECONDS = 60;

  private DemoPlatform platform;

  @BeforeAll
  void platform(DemoPlatform platform) {
    this.platform = platform.ready();
  }

  @Test
  void aBurstOfUploadsScalesWorkersUpAndTheQuietScalesThemBack() {
    // A warm worker drains uploads about as fast as a client sends them, so a burst against a
    // running worker leaves a backlog for a moment only, and a poll may miss it. With the workers
    // paused the burst waits in the queue, and turning autoscaling on meets a known backlog.
    platform.patch("{\"spec\":{\"worker\":{\"replicas\":0}}}");
    await("no worker")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> platform.pods("worker").isEmpty());
    IngressGateway gateway = platform.gateway();
    List<String> statusPaths = Uploads.batch(gateway, SyntheticImages.batch("burst", 80), 20);

    long started = System.nanoTime();
    platform.patch(
        "{\"spec\":{\"worker\":{\"autoscaling\":{\"min\":1,\"max\":2,\"targetBacklogPerWorker\":10,"
            + "\"stabilizationSeconds\":"
            + STABILIZATION_SECONDS
            + "}}}}");
    await("a second worker")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(readyWorkers()).as(this::workerPods).isEqualTo(2));
    Measurements.record(
        "autoscaling on, backlog of 80 uploads, to 2 ready workers", Measurements.since(started));
    assertThat(platform.resource().get().getStatus().workers).isEqualTo(2);

    Uploads.awaitAllSuccess(gateway, statusPaths, Duration.ofMinutes(10));
    long drained = System.nanoTime();
    await("back to one worker")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> workerDeployment().getSpec().getReplicas() == 1);
    Duration down = Measurements.since(drained);
    Measurements.record(
        "backlog drained to 1 worker (window " + STABILIZATION_SECONDS + " s)", down);
    platform.patch("{\"spec\":{\"worker\":{\"autoscaling\":null,\"replicas\":1}}}");
    platform.awaitReady(Duration.ofMinutes(5));
  }

  private Deployment workerDeployment() {
    return platform
        .client()
        .apps()
        .deployments()
        .inNamespace(DemoPlatform.NAMESPACE)
        .withName(DemoPlatform.NAME + "-worker")
        .get();
  }

  /** What the worker pods are doing, for the message of a scale-up that did not happen. */
  private String workerPods() {
    return "worker replicas "
        + workerDeployment().getSpec().getReplicas()
        + ", pods: "
        + platform.pods("worker").stream()
            .map(
                pod ->
                    pod.getMetadata().getName()
                        + " "
                        + pod.getStatus().getPhase()
                        + " "
                        + pod.getStatus().getConditions().stream()
                            .map(c -> c.getType() + "=" + c.getStatus() + ":" + c.getMessage())
                            .toList())
            .toList();
  }

  private int readyWorkers() {
    Integer ready = workerDeployment().getStatus().getReadyReplicas();
    return ready == null ? 0 : ready;
  }
}
