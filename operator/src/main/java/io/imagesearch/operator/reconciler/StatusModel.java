package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.imagesearch.operator.api.ComponentStatus;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterStatus;
import io.imagesearch.operator.migration.MigrationReport;
import io.imagesearch.operator.model.Component;
import io.imagesearch.operator.model.Dependency;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The status a reconciliation observed. Pure: equal inputs give an equal status, and a condition
 * whose status did not change keeps its lastTransitionTime, so an idle cluster's status never
 * changes and is never written.
 */
public final class StatusModel {
  private static final String PAUSED = "Paused";
  static final String RECONCILE_ERROR = "ReconcileError";

  private StatusModel() {}

  /** Problems listed in the Degraded message; the rest are counted. */
  static final int MAX_PROBLEMS_SHOWN = 5;

  /**
   * @param workloads health by status key (ingestApi, worker, redis, ...) of the workloads that
   *     exist
   * @param missingSecrets the external dependencies whose Secret does not exist
   * @param secretProblems what is wrong with the Secrets of the admin key and the Ingress's TLS
   * @param models what the model state says, or null when it was not read
   */
  public record Observation(
      Map<String, WorkloadHealth> workloads,
      Map<Dependency, String> missingSecrets,
      List<String> secretProblems,
      Integer workers,
      OptionalLong queueDepth,
      MigrationReport models) {

    public Observation(
        Map<String, WorkloadHealth> workloads,
        Map<Dependency, String> missingSecrets,
        List<String> secretProblems,
        Integer workers,
        OptionalLong queueDepth) {
      this(workloads, missingSecrets, secretProblems, workers, queueDepth, null);
    }

    public Observation(
        Map<String, WorkloadHealth> workloads,
        Map<Dependency, String> missingSecrets,
        Integer workers,
        OptionalLong queueDepth) {
      this(workloads, missingSecrets, List.of(), workers, queueDepth);
    }
  }

  public static ImageSearchClusterStatus build(
      ImageSearchCluster cluster, Observation observed, Instant now) {
    ImageSearchClusterStatus previous =
        cluster.getStatus() == null ? new ImageSearchClusterStatus() : cluster.getStatus();
    long generation = generation(cluster);
    ImageSearchClusterStatus status = new ImageSearchClusterStatus();
    status.observedGeneration = generation;
    observed.workloads().forEach((key, health) -> status.components.put(key, health.replicas()));
    status.workers = observed.workers();
    status.queueDepth =
        observed.queueDepth().isPresent() ? observed.queueDepth().getAsLong() : null;
    for (Component component : Component.values()) {
      status.endpoints.put(
          component.statusKey(),
          "http://"
              + component.name(cluster)
              + "."
              + cluster.getMetadata().getNamespace()
              + ".svc:"
              + Component.HTTP_PORT);
    }
    for (Dependency dependency : Dependency.values()) {
      status.endpoints.put(dependency.statusKey(), dependency.endpoint(cluster));
    }

    List<Condition> conditions = new ArrayList<>();
    boolean dependenciesReady = true;
    for (Dependency dependency : Dependency.values()) {
      Condition c = dependencyCondition(cluster, dependency, observed, generation);
      dependenciesReady &= "True".equals(c.getStatus());
      conditions.add(c);
    }
    boolean servicesReady =
        java.util.Arrays.stream(Component.values())
            .allMatch(c -> ready(observed.workloads().get(c.statusKey())));
    List<String> problems = problems(observed);
    boolean degraded = !problems.isEmpty();
    boolean ready = dependenciesReady && servicesReady && !degraded;
    conditions.add(
        condition(
            "Ready",
            ready,
            ready ? "AllComponentsReady" : "ComponentsNotReady",
            ready ? "All services and dependencies are ready" : notReady(observed),
            generation));
    conditions.add(
        condition(
            "Progressing",
            !ready && !degraded,
            ready ? "Complete" : degraded ? "Blocked" : "Reconciling",
            ready ? "Nothing to do" : "Waiting for: " + notReady(observed),
            generation));
    conditions.add(
        condition(
            "Degraded",
            degraded,
            degradedReason(degraded, observed),
            degraded ? summary(problems) : "No problem found",
            generation));
    MigrationReport models = observed.models();
    if (models != null) {
      status.model = models.status();
      conditions.add(
          new ConditionBuilder()
              .withType(MigrationReport.CONDITION)
              .withStatus(models.condition())
              .withReason(models.reason())
              .withMessage(models.message())
              .withObservedGeneration(generation)
              .build());
    }
    status.conditions = keepTransitionTimes(conditions, previous.conditions, now);
    status.phase = degraded ? "Degraded" : ready ? "Ready" : "Progressing";
    return status;
  }

  /**
   * The status of a paused cluster: what was last observed (observedGeneration stays behind a spec
   * changed since), with phase Paused and a Paused condition telling how to resume.
   */
  public static ImageSearchClusterStatus paused(ImageSearchCluster cluster, Instant now) {
    ImageSearchClusterStatus status =
        lastObservedWith(
            cluster,
            condition(
                PAUSED,
                true,
                "AnnotationSet",
                "The operator leaves this cluster's children alone; remove the annotation "
                    + ImageSearchCluster.PAUSED_ANNOTATION
                    + " to resume",
                generation(cluster)),
            now);
    status.phase = PAUSED;
    return status;
  }

  /**
   * The status of a reconciliation that threw: what was last observed, with a ReconcileError
   * condition saying why. The next successful reconciliation builds the status afresh, without it.
   */
  public static ImageSearchClusterStatus failed(
      ImageSearchCluster cluster, Exception error, Instant now) {
    return lastObservedWith(
        cluster,
        condition(
            RECONCILE_ERROR,
            true,
            ReconcileErrors.reason(error),
            ReconcileErrors.message(error),
            generation(cluster)),
        now);
  }

  /** The cluster's current status with one condition set, every other field as it was. */
  private static ImageSearchClusterStatus lastObservedWith(
      ImageSearchCluster cluster, Condition condition, Instant now) {
    ImageSearchClusterStatus previous = cluster.getStatus();
    ImageSearchClusterStatus status = new ImageSearchClusterStatus();
    if (previous != null) {
      status.observedGeneration = previous.observedGeneration;
      status.phase = previous.phase;
      status.components.putAll(previous.components);
      status.endpoints.putAll(previous.endpoints);
      status.queueDepth = previous.queueDepth;
      status.workers = previous.workers;
      status.model = previous.model;
      status.conditions.addAll(
          previous.conditions.stream()
              .filter(c -> !condition.getType().equals(c.getType()))
              .toList());
    }
    status.conditions.add(condition);
    status.conditions =
        keepTransitionTimes(status.conditions, previous == null ? null : previous.conditions, now);
    return status;
  }

  private static long generation(ImageSearchCluster cluster) {
    return cluster.getMetadata().getGeneration() == null
        ? 0
        : cluster.getMetadata().getGeneration();
  }

  private static Condition dependencyCondition(
      ImageSearchCluster cluster, Dependency dependency, Observation observed, long generation) {
    String type = dependency.conditionType();
    if (!dependency.inCluster(cluster)) {
      String missing = observed.missingSecrets().get(dependency);
      return missing != null
          ? condition(type, false, "SecretMissing", missing, generation)
          : condition(type, true, "External", "Uses " + dependency.endpoint(cluster), generation);
    }
    WorkloadHealth health = observed.workloads().get(dependency.statusKey());
    boolean ok = ready(health);
    String message =
        health != null && !health.problems().isEmpty()
            ? summary(health.problems())
            : dependency.name(cluster) + (ok ? " is ready" : " is not ready yet");
    return condition(
        type, ok, ok ? "StatefulSetReady" : "StatefulSetNotReady", message, generation);
  }

  private static String degradedReason(boolean degraded, Observation observed) {
    if (!degraded) {
      return "AsExpected";
    }
    if (!observed.missingSecrets().isEmpty()) {
      return "SecretMissing";
    }
    return observed.secretProblems().isEmpty() ? "ComponentsFailing" : "SecretUnusable";
  }

  private static boolean ready(WorkloadHealth health) {
    return health != null && health.ready();
  }

  /** Every workload's problems, then every missing Secret. */
  private static List<String> problems(Observation observed) {
    List<String> problems = new ArrayList<>();
    observed.workloads().values().forEach(h -> problems.addAll(h.problems()));
    problems.addAll(observed.missingSecrets().values());
    problems.addAll(observed.secretProblems());
    return problems;
  }

  private static String summary(List<String> problems) {
    if (problems.size() <= MAX_PROBLEMS_SHOWN) {
      return String.join("; ", problems);
    }
    return String.join("; ", problems.subList(0, MAX_PROBLEMS_SHOWN))
        + "; and "
        + (problems.size() - MAX_PROBLEMS_SHOWN)
        + " more";
  }

  private static String notReady(Observation observed) {
    List<String> waiting =
        observed.workloads().entrySet().stream()
            .filter(e -> !ready(e.getValue()))
            .map(e -> e.getKey() + " " + replicas(e.getValue()))
            .toList();
    if (waiting.isEmpty()
        && !(observed.missingSecrets().isEmpty() && observed.secretProblems().isEmpty())) {
      return "missing secrets";
    }
    return waiting.isEmpty() ? "components not created yet" : String.join(", ", waiting);
  }

  /** "1/2", or "1/1 rolling out" when enough replicas are ready but not all run the new spec. */
  private static String replicas(WorkloadHealth health) {
    ComponentStatus r = health.replicas();
    String counts = r.ready() + "/" + r.desired();
    return r.ready() >= r.desired() ? counts + " rolling out" : counts;
  }

  private static Condition condition(
      String type, boolean status, String reason, String message, long generation) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .build();
  }

  private static List<Condition> keepTransitionTimes(
      List<Condition> next, List<Condition> previous, Instant now) {
    String nowText = now.truncatedTo(ChronoUnit.SECONDS).toString();
    for (Condition condition : next) {
      String since =
          previous == null
              ? null
              : previous.stream()
                  .filter(p -> p.getType().equals(condition.getType()))
                  .filter(p -> Objects.equals(p.getStatus(), condition.getStatus()))
                  .map(Condition::getLastTransitionTime)
                  .findFirst()
                  .orElse(null);
      condition.setLastTransitionTime(since != null ? since : nowText);
    }
    return next;
  }
}
