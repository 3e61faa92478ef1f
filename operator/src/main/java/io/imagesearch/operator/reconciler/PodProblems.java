package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What keeps a component's pods from running, in words a user can act on: the kubelet's waiting
 * reason of a container that cannot start, or the scheduler's reason for a pod it cannot place.
 */
final class PodProblems {
  /** Waiting reasons that do not clear by themselves (ContainerCreating, PodInitializing do). */
  static final Set<String> FAILING_REASONS =
      Set.of(
          "CrashLoopBackOff",
          "ImagePullBackOff",
          "ErrImagePull",
          "ErrImageNeverPull",
          "InvalidImageName",
          "CreateContainerConfigError",
          "CreateContainerError",
          "RunContainerError");

  /**
   * How long a pod may wait for a node before that is a problem: a rollout on a full node waits for
   * the old pod to finish its graceful shutdown (up to 40 s) before the new one fits.
   */
  static final Duration UNSCHEDULABLE_GRACE = Duration.ofSeconds(60);

  /** Condition messages are for people; a scheduler's message can list every node. */
  private static final int MAX_MESSAGE = 200;

  private PodProblems() {}

  /** One line per failing pod, "component: pod name Reason (message)", in pod name order. */
  static List<String> of(String component, List<Pod> pods, Instant now) {
    List<String> problems = new ArrayList<>();
    pods.stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .forEach(
            pod -> {
              String name = component + ": pod " + pod.getMetadata().getName() + " ";
              unschedulable(pod, now).ifPresent(m -> problems.add(name + "Unschedulable: " + m));
              containers(pod)
                  .filter(PodProblems::failing)
                  .findFirst()
                  .ifPresent(c -> problems.add(name + describe(c)));
            });
    return problems;
  }

  /** Whether a pod waits for a node (not yet reported while within the grace). */
  static boolean waitingForANode(Pod pod) {
    return notScheduled(pod).isPresent();
  }

  private static Optional<String> unschedulable(Pod pod, Instant now) {
    return notScheduled(pod)
        .filter(c -> "Unschedulable".equals(c.getReason()))
        .filter(c -> longerThanGrace(c, now))
        .map(PodCondition::getMessage)
        .map(m -> shorten(m == null ? "no node fits" : m));
  }

  /** The pod's PodScheduled=False condition, if the scheduler has not placed it. */
  private static Optional<PodCondition> notScheduled(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
        .findFirst();
  }

  /** A condition without a transition time counts as old: it is reported at once. */
  private static boolean longerThanGrace(PodCondition condition, Instant now) {
    String since = condition.getLastTransitionTime();
    return since == null || !Instant.parse(since).plus(UNSCHEDULABLE_GRACE).isAfter(now);
  }

  private static Stream<ContainerStatus> containers(Pod pod) {
    if (pod.getStatus() == null) {
      return Stream.empty();
    }
    return Stream.concat(
        nullSafe(pod.getStatus().getInitContainerStatuses()),
        nullSafe(pod.getStatus().getContainerStatuses()));
  }

  private static boolean failing(ContainerStatus c) {
    return c.getState() != null
        && c.getState().getWaiting() != null
        && FAILING_REASONS.contains(c.getState().getWaiting().getReason());
  }

  /** "CrashLoopBackOff (back-off 40s restarting failed container…; last exit OOMKilled)". */
  private static String describe(ContainerStatus c) {
    var waiting = c.getState().getWaiting();
    List<String> details = new ArrayList<>();
    if (waiting.getMessage() != null && !waiting.getMessage().isBlank()) {
      details.add(shorten(waiting.getMessage()));
    }
    if (c.getLastState() != null && c.getLastState().getTerminated() != null) {
      var last = c.getLastState().getTerminated();
      details.add(
          "last exit "
              + (last.getReason() != null ? last.getReason() : "code " + last.getExitCode()));
    }
    return waiting.getReason() + (details.isEmpty() ? "" : " (" + String.join("; ", details) + ")");
  }

  private static String shorten(String message) {
    String oneLine = message.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "…";
  }

  private static <T> Stream<T> nullSafe(List<T> list) {
    return list == null ? Stream.empty() : list.stream();
  }
}
