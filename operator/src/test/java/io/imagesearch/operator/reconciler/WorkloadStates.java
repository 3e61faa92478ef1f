package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.time.Instant;

/**
 * The states a kubelet, scheduler and Deployment controller report for broken and healthy
 * workloads, as hand-built objects: shared by the status unit tests and the API-server test that
 * writes them (there is no kubelet there).
 */
public final class WorkloadStates {
  public static final String BACK_OFF =
      "back-off 40s restarting failed container=worker pod=demo-worker-abc_ns(uid)";
  public static final String INSUFFICIENT_CPU =
      "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No"
          + " preemption victims found for incoming pod.";
  public static final String DEADLINE = "ReplicaSet \"demo-worker-5d4\" has timed out progressing.";

  private WorkloadStates() {}

  /** A container's status as the kubelet starts it; the caller adds its state. */
  private static ContainerStatusBuilder container(String name, boolean ready, int restarts) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withImage("imagesearch.local/" + name + ":dev")
        .withImageID("")
        .withReady(ready)
        .withRestartCount(restarts);
  }

  public static PodStatus crashLooping(String container) {
    return new PodStatusBuilder()
        .withPhase("Running")
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus("True")
        .endCondition()
        .addToContainerStatuses(
            container(container, false, 3)
                .withNewState()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .withMessage(BACK_OFF)
                .endWaiting()
                .endState()
                .withNewLastState()
                .withNewTerminated()
                .withExitCode(1)
                .withReason("Error")
                .endTerminated()
                .endLastState()
                .build())
        .build();
  }

  public static PodStatus imagePullBackOff(String container) {
    return new PodStatusBuilder()
        .withPhase("Pending")
        .addToContainerStatuses(
            container(container, false, 0)
                .withNewState()
                .withNewWaiting()
                .withReason("ImagePullBackOff")
                .withMessage("Back-off pulling image \"imagesearch.local/" + container + ":dev\"")
                .endWaiting()
                .endState()
                .build())
        .build();
  }

  public static PodStatus unschedulable() {
    return unschedulableSince(null);
  }

  /** Waiting for a node since {@code since} (null: no transition time, as older clients write). */
  public static PodStatus unschedulableSince(Instant since) {
    return new PodStatusBuilder()
        .withPhase("Pending")
        .addToConditions(
            new PodConditionBuilder()
                .withType("PodScheduled")
                .withStatus("False")
                .withReason("Unschedulable")
                .withMessage(INSUFFICIENT_CPU)
                .withLastTransitionTime(since == null ? null : since.toString())
                .build())
        .build();
  }

  public static PodStatus running(String container) {
    return new PodStatusBuilder()
        .withPhase("Running")
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .endCondition()
        .addToContainerStatuses(
            container(container, true, 0)
                .withNewState()
                .withNewRunning()
                .endRunning()
                .endState()
                .build())
        .build();
  }

  /** What the Deployment controller reports once every replica is updated and available. */
  public static DeploymentStatus rolledOut(int replicas, long generation) {
    return new DeploymentStatusBuilder()
        .withObservedGeneration(generation)
        .withReplicas(replicas)
        .withUpdatedReplicas(replicas)
        .withReadyReplicas(replicas)
        .withAvailableReplicas(replicas)
        .build();
  }

  /** Every replica created from the current spec, none of them available. */
  public static DeploymentStatus neverAvailable(int replicas, long generation) {
    return new DeploymentStatusBuilder()
        .withObservedGeneration(generation)
        .withReplicas(replicas)
        .withUpdatedReplicas(replicas)
        .withUnavailableReplicas(replicas)
        .build();
  }

  /**
   * The ReplicaSet cannot create pods: the API server refuses them (here a missing RuntimeClass).
   */
  public static DeploymentStatus podsRefused(long generation) {
    return new DeploymentStatusBuilder()
        .withObservedGeneration(generation)
        .withReplicas(0)
        .addToConditions(
            new DeploymentConditionBuilder()
                .withType("ReplicaFailure")
                .withStatus("True")
                .withReason("FailedCreate")
                .withMessage(
                    "pods \"demo-worker-6c8ff9ccbb-\" is forbidden: pod rejected: RuntimeClass"
                        + " \"nvidia\" not found")
                .build())
        .build();
  }

  /**
   * One old pod Ready and serving, one new pod not available (maxSurge 1): the rollout is stuck,
   * optionally past its progress deadline.
   */
  public static DeploymentStatus stuckRollout(long generation, boolean deadlineExceeded) {
    var status =
        new DeploymentStatusBuilder()
            .withObservedGeneration(generation)
            .withReplicas(2)
            .withUpdatedReplicas(1)
            .withReadyReplicas(1)
            .withAvailableReplicas(1)
            .withUnavailableReplicas(1);
    if (deadlineExceeded) {
      status.addToConditions(
          new DeploymentConditionBuilder()
              .withType("Progressing")
              .withStatus("False")
              .withReason("ProgressDeadlineExceeded")
              .withMessage(DEADLINE)
              .build());
    }
    return status.build();
  }

  public static Deployment deployment(String name, int replicas, DeploymentStatus status) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withGeneration(2L)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .endSpec()
        .withStatus(status)
        .build();
  }

  public static Pod pod(String name, PodStatus status) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withStatus(status)
        .build();
  }
}
