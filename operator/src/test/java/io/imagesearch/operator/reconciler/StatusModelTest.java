package io.imagesearch.operator.reconciler;

import static io.imagesearch.operator.reconciler.WorkloadStates.crashLooping;
import static io.imagesearch.operator.reconciler.WorkloadStates.deployment;
import static io.imagesearch.operator.reconciler.WorkloadStates.pod;
import static io.imagesearch.operator.reconciler.WorkloadStates.rolledOut;
import static io.imagesearch.operator.reconciler.WorkloadStates.running;
import static io.imagesearch.operator.reconciler.WorkloadStates.stuckRollout;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterStatus;
import io.imagesearch.operator.migration.MigrationReport;
import io.imagesearch.operator.migration.ModelStateReading;
import io.imagesearch.operator.model.Component;
import io.imagesearch.operator.model.Dependency;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The conditions tell what runs and what does not, from hand-built workloads and pods. */
class StatusModelTest {
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  @Test
  void everythingRolledOutIsReady() {
    var status = status(healthy());

    assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
    assertThat(status.phase).isEqualTo("Ready");
  }

  @Test
  void crashLoopingServicesAreDegradedNamingComponentPodAndReason() {
    Map<String, WorkloadHealth> workloads = healthy();
    for (Component c : Component.values()) {
      workloads.put(
          c.statusKey(),
          WorkloadHealth.of(
              c.id(),
              deployment("demo-" + c.id(), 1, WorkloadStates.neverAvailable(1, 2L)),
              List.of(pod("demo-" + c.id() + "-abc", crashLooping(c.id()))),
              NOW));
    }

    var status = status(workloads);

    Condition degraded = condition(status, "Degraded");
    assertThat(degraded.getStatus()).isEqualTo("True");
    assertThat(degraded.getReason()).isEqualTo("ComponentsFailing");
    assertThat(degraded.getMessage())
        .contains("worker: pod demo-worker-abc CrashLoopBackOff (" + WorkloadStates.BACK_OFF)
        .contains("last exit Error")
        .contains("ingest-api: pod demo-ingest-api-abc CrashLoopBackOff")
        .contains("cdn: pod demo-cdn-abc CrashLoopBackOff");
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
    // Nothing progresses while pods crash: Progressing says so instead of "Reconciling".
    assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Progressing").getReason()).isEqualTo("Blocked");
    assertThat(status.phase).isEqualTo("Degraded");
  }

  @Test
  void stuckRolloutWithOldPodsReadyIsNotReadyAndDegraded() {
    Map<String, WorkloadHealth> workloads = healthy();
    List<Pod> pods =
        List.of(
            pod("demo-search-api-old", running("search-api")),
            pod("demo-search-api-new", crashLooping("search-api")));
    workloads.put(
        "searchApi",
        WorkloadHealth.of(
            "search-api", deployment("demo-search-api", 1, stuckRollout(2, false)), pods, NOW));

    var status = status(workloads);

    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Degraded").getMessage())
        .isEqualTo(
            "search-api: pod demo-search-api-new CrashLoopBackOff ("
                + WorkloadStates.BACK_OFF
                + "; last exit Error)");
    // 1 of 1 replica serves, but from the old spec.
    assertThat(status.components.get("searchApi").ready()).isEqualTo(1);
  }

  @Test
  void rolloutPastItsDeadlineIsDegradedEvenWithoutAPodReason() {
    Map<String, WorkloadHealth> workloads = healthy();
    workloads.put(
        "worker",
        WorkloadHealth.of(
            "worker", deployment("demo-worker", 1, stuckRollout(2, true)), List.of(), NOW));

    var status = status(workloads);

    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Degraded").getMessage())
        .startsWith("worker: rollout stuck, ProgressDeadlineExceeded")
        .contains(WorkloadStates.DEADLINE);
  }

  @Test
  void rolloutInProgressIsProgressingNotReadyNotDegraded() {
    Map<String, WorkloadHealth> workloads = healthy();
    workloads.put(
        "cdn",
        WorkloadHealth.of(
            "cdn",
            deployment("demo-cdn", 1, stuckRollout(2, false)),
            List.of(pod("demo-cdn-old", running("cdn"))),
            NOW));

    var status = status(workloads);

    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Progressing").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Progressing").getMessage()).contains("cdn 1/1 rolling out");
    assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
  }

  @Test
  void deploymentIsReadyOnlyWhenItsControllerSawTheCurrentSpec() {
    var stale = deployment("demo-cdn", 1, rolledOut(1, 1L));

    assertThat(WorkloadHealth.of("cdn", stale, List.of(), NOW).ready()).isFalse();
    assertThat(
            WorkloadHealth.of("cdn", deployment("demo-cdn", 1, rolledOut(1, 2L)), List.of(), NOW)
                .ready())
        .isTrue();
    assertThat(
            WorkloadHealth.of("cdn", deployment("demo-cdn", 2, rolledOut(1, 2L)), List.of(), NOW)
                .ready())
        .isFalse();
  }

  @Test
  void unschedulablePodsShowTheSchedulersMessage() {
    Map<String, WorkloadHealth> workloads = healthy();
    workloads.put(
        "worker",
        WorkloadHealth.of(
            "worker",
            deployment("demo-worker", 1, stuckRollout(2, false)),
            List.of(pod("demo-worker-abc", WorkloadStates.unschedulable())),
            NOW));

    var status = status(workloads);

    assertThat(condition(status, "Degraded").getMessage())
        .startsWith(
            "worker: pod demo-worker-abc Unschedulable: 0/1 nodes are available: 1 Insufficient"
                + " cpu");
  }

  @Test
  void podsTheApiServerRefusesAreDegradedWithItsReason() {
    // No pod exists to report it: only the Deployment's ReplicaFailure condition does.
    Map<String, WorkloadHealth> workloads = healthy();
    workloads.put(
        "worker",
        WorkloadHealth.of(
            "worker",
            deployment("demo-worker", 1, WorkloadStates.podsRefused(2L)),
            List.of(),
            NOW));

    var status = status(workloads);

    assertThat(condition(status, "Degraded").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Degraded").getMessage())
        .startsWith("worker: cannot create pods, FailedCreate (")
        .contains("RuntimeClass \"nvidia\" not found");
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
  }

  @Test
  void aPodWaitingForANodeIsAProblemOnlyAfterTheGrace() {
    // During a rollout on a full node the new pod waits for the old one's graceful shutdown.
    var justNow =
        List.of(pod("demo-worker-abc", WorkloadStates.unschedulableSince(NOW.minusSeconds(10))));
    var deployment = deployment("demo-worker", 1, stuckRollout(2, false));
    assertThat(WorkloadHealth.of("worker", deployment, justNow, NOW).problems()).isEmpty();
    assertThat(PodProblems.waitingForANode(justNow.getFirst())).isTrue();

    var longAgo =
        List.of(
            pod(
                "demo-worker-abc",
                WorkloadStates.unschedulableSince(NOW.minus(PodProblems.UNSCHEDULABLE_GRACE))));
    assertThat(WorkloadHealth.of("worker", deployment, longAgo, NOW).problems())
        .singleElement()
        .asString()
        .contains("Unschedulable");
  }

  @Test
  void failingDependencyPodsExplainItsCondition() {
    Map<String, WorkloadHealth> workloads = healthy();
    workloads.put(
        "redis",
        WorkloadHealth.of(
            "redis",
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName("demo-redis")
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .endSpec()
                .withNewStatus()
                .withReplicas(1)
                .withReadyReplicas(0)
                .endStatus()
                .build(),
            List.of(pod("demo-redis-0", WorkloadStates.imagePullBackOff("redis"))),
            NOW));

    var status = status(workloads);

    assertThat(condition(status, "RedisReady").getStatus()).isEqualTo("False");
    assertThat(condition(status, "RedisReady").getMessage())
        .startsWith("redis: pod demo-redis-0 ImagePullBackOff (Back-off pulling image");
    assertThat(condition(status, "Degraded").getStatus()).isEqualTo("True");
  }

  @Test
  void manyProblemsAreCountedNotAllListed() {
    Map<String, WorkloadHealth> workloads = healthy();
    List<Pod> pods =
        java.util.stream.IntStream.range(0, 8)
            .mapToObj(i -> pod("demo-worker-" + i, crashLooping("worker")))
            .toList();
    workloads.put(
        "worker",
        WorkloadHealth.of(
            "worker", deployment("demo-worker", 8, stuckRollout(2, false)), pods, NOW));

    assertThat(condition(status(workloads), "Degraded").getMessage()).endsWith("; and 3 more");
  }

  @Test
  void theModelStateGivesStatusModelAndTheModelMigrationConditionWhichAPauseKeeps() {
    ImageSearchCluster cluster = TestClusters.demo(1);
    MigrationReport unreadable =
        MigrationReport.of(
            cluster,
            new ModelStateReading.Unreadable("Redis at r:6379 cannot be read: timeout"),
            Optional.empty());

    var status =
        StatusModel.build(
            cluster,
            new StatusModel.Observation(
                healthy(), Map.of(), List.of(), 1, OptionalLong.empty(), unreadable),
            NOW);

    Condition migration = condition(status, MigrationReport.CONDITION);
    assertThat(migration.getStatus()).isEqualTo("Unknown");
    assertThat(migration.getReason()).isEqualTo("StateUnreadable");
    assertThat(migration.getLastTransitionTime()).isEqualTo("2026-12-02T10:00:00Z");
    assertThat(status.model).isEqualTo(unreadable.status());
    // The cluster serves whatever the model state says: Ready does not depend on it.
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");

    cluster.setStatus(status);
    var paused = StatusModel.paused(cluster, NOW.plusSeconds(60));
    assertThat(paused.model).isEqualTo(status.model);
    assertThat(condition(paused, MigrationReport.CONDITION)).isEqualTo(migration);
  }

  private static Map<String, WorkloadHealth> healthy() {
    Map<String, WorkloadHealth> workloads = new TreeMap<>();
    for (Component c : Component.values()) {
      workloads.put(
          c.statusKey(),
          WorkloadHealth.of(
              c.id(),
              deployment("demo-" + c.id(), 1, rolledOut(1, 2L)),
              List.of(pod("demo-" + c.id() + "-abc", running(c.id()))),
              NOW));
    }
    for (Dependency d : Dependency.values()) {
      workloads.put(
          d.statusKey(),
          WorkloadHealth.of(
              d.id(),
              new StatefulSetBuilder()
                  .withNewMetadata()
                  .withName("demo-" + d.id())
                  .endMetadata()
                  .withNewSpec()
                  .withReplicas(1)
                  .endSpec()
                  .withNewStatus()
                  .withReplicas(1)
                  .withReadyReplicas(1)
                  .endStatus()
                  .build(),
              List.of(),
              NOW));
    }
    return workloads;
  }

  @Test
  void anUnusableSecurityOrTlsSecretIsDegradedNamingItAndNotReady() {
    String problem =
        "Secret ns/team-admin referenced by spec.security.adminKeySecretRef does not exist";

    var status =
        StatusModel.build(
            TestClusters.demo(1),
            new StatusModel.Observation(
                healthy(), Map.of(), List.of(problem), 1, OptionalLong.empty()),
            NOW);

    Condition degraded = condition(status, "Degraded");
    assertThat(degraded.getStatus()).isEqualTo("True");
    assertThat(degraded.getReason()).isEqualTo("SecretUnusable");
    assertThat(degraded.getMessage()).isEqualTo(problem);
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
    assertThat(status.phase).isEqualTo("Degraded");
  }

  private static ImageSearchClusterStatus status(Map<String, WorkloadHealth> workloads) {
    ImageSearchCluster cluster = TestClusters.demo(1);
    return StatusModel.build(
        cluster, new StatusModel.Observation(workloads, Map.of(), 1, OptionalLong.empty()), NOW);
  }

  private static Condition condition(ImageSearchClusterStatus status, String type) {
    return status.conditions.stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }
}
