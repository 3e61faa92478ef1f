package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.imagesearch.operator.api.ComponentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one workload is doing, from its object and its pods as the caches hold them.
 *
 * @param replicas ready and desired replicas (status.components)
 * @param ready every replica runs the current spec and is available: nothing is left to roll
 * @param problems what makes it Degraded, each naming the component (empty when none)
 */
public record WorkloadHealth(ComponentStatus replicas, boolean ready, List<String> problems) {

  /**
   * A Deployment is ready only once its controller has seen the current spec and every replica is
   * updated and available, so a rollout whose new pods fail while old ones still serve is not
   * ready. It is Degraded when its pods cannot run, or when the controller gave up waiting.
   */
  public static WorkloadHealth of(
      String component, Deployment deployment, List<Pod> pods, Instant now) {
    // The API server defaults an absent replicas to 1.
    int desired =
        deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    var status = deployment.getStatus();
    boolean ready =
        status != null
            && status.getObservedGeneration() != null
            && status.getObservedGeneration() >= generation(deployment)
            && orZero(status.getReplicas()) == desired
            && orZero(status.getUpdatedReplicas()) == desired
            && orZero(status.getAvailableReplicas()) == desired;
    List<String> problems = new ArrayList<>(PodProblems.of(component, pods, now));
    if (status != null && status.getConditions() != null) {
      status.getConditions().stream()
          .map(c -> problem(component, c))
          .flatMap(Optional::stream)
          .forEach(problems::add);
    }
    int readyReplicas = status == null ? 0 : orZero(status.getReadyReplicas());
    return new WorkloadHealth(
        new ComponentStatus(readyReplicas, desired), ready, List.copyOf(problems));
  }

  /** A dependency's StatefulSet: ready with all replicas ready; Degraded when its pods fail. */
  public static WorkloadHealth of(
      String component, StatefulSet statefulSet, List<Pod> pods, Instant now) {
    int desired =
        statefulSet.getSpec().getReplicas() == null ? 1 : statefulSet.getSpec().getReplicas();
    int readyReplicas =
        statefulSet.getStatus() == null ? 0 : orZero(statefulSet.getStatus().getReadyReplicas());
    return new WorkloadHealth(
        new ComponentStatus(readyReplicas, desired),
        readyReplicas >= desired,
        PodProblems.of(component, pods, now));
  }

  /** A Deployment condition that means its pods cannot run, as a problem line. */
  private static Optional<String> problem(String component, DeploymentCondition c) {
    // Pods the API server refuses to create (admission: Pod Security, a missing RuntimeClass, a
    // quota) never exist, so no pod can report them: the ReplicaSet's failure is the only trace.
    if ("ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus())) {
      return Optional.of(
          component
              + ": cannot create pods, "
              + Objects.requireNonNullElse(c.getReason(), "FailedCreate")
              + " ("
              + Objects.requireNonNullElse(c.getMessage(), "no message")
              + ")");
    }
    if ("Progressing".equals(c.getType())
        && "False".equals(c.getStatus())
        && "ProgressDeadlineExceeded".equals(c.getReason())) {
      return Optional.of(
          component
              + ": rollout stuck, ProgressDeadlineExceeded ("
              + Objects.requireNonNullElse(c.getMessage(), "no progress")
              + ")");
    }
    return Optional.empty();
  }

  private static long generation(Deployment deployment) {
    Long generation = deployment.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
