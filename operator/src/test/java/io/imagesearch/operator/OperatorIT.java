package io.imagesearch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.imagesearch.operator.api.DependencySpec;
import io.imagesearch.operator.api.ExternalSpec;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.model.Names;
import io.imagesearch.operator.reconciler.WorkloadStates;
import io.imagesearch.testsupport.KubeApiServer;
import io.imagesearch.testsupport.SharedServers;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator, in-process, against a real API server (no kubelet, no controllers: tests patch
 * workload status themselves, and garbage collection does not run).
 */
@ExtendWith(SharedServers.class)
class OperatorIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private KubernetesClient client;
  private Operator operator;
  private String namespace;

  @BeforeEach
  void start(KubeApiServer server) throws Exception {
    client = server.newClient();
    TestCluster.applyCrd(client);
    namespace = TestCluster.newNamespace(client, "op");
    operator = TestCluster.operator(client, namespace, Metrics.NOOP);
    operator.start();
  }

  @AfterEach
  void stop() {
    operator.stop();
    client.close();
  }

  @Test
  void createsEveryChildAndBecomesReadyWhenTheWorkloadsAre() {
    create(cluster("demo"));

    // Dependencies first: the services wait for their StatefulSets to be ready.
    await().atMost(WAIT).until(() -> names(StatefulSet.class).size() == 3);
    assertThat(names(StatefulSet.class))
        .containsExactlyInAnyOrder("demo-redis", "demo-milvus", "demo-minio");
    assertThat(names(Deployment.class)).isEmpty();
    assertThat(names(Secret.class)).contains("demo-credentials");
    assertThat(names(ConfigMap.class)).contains("demo-config");
    // The dependencies' three and one for each of the four services.
    await().atMost(WAIT).until(() -> names(NetworkPolicy.class).size() == 7);

    markStatefulSetsReady();
    await().atMost(WAIT).until(() -> names(Deployment.class).size() == 4);
    assertThat(names(Deployment.class))
        .containsExactlyInAnyOrder("demo-ingest-api", "demo-worker", "demo-search-api", "demo-cdn");
    await().atMost(WAIT).until(() -> names(Service.class).size() == 7);
    await().atMost(WAIT).until(() -> names(PodDisruptionBudget.class).size() == 4);
    assertThat(condition("demo", "Ready")).isEqualTo("False");

    markDeploymentsReady();
    await().atMost(WAIT).until(() -> "True".equals(condition("demo", "Ready")));
    ImageSearchCluster ready = get("demo");
    assertThat(ready.getStatus().phase).isEqualTo("Ready");
    assertThat(ready.getStatus().observedGeneration).isEqualTo(ready.getMetadata().getGeneration());
    assertThat(ready.getStatus().endpoints)
        .containsEntry("redis", "demo-redis." + namespace + ".svc:6379");
  }

  @Test
  void specChangeUpdatesChildrenAndKeepsGeneratedCredentials() {
    createWithDeployments("change");
    Map<String, String> credentials = secretData("change-credentials");

    changeSearchApi("change");

    awaitSearchApiChanged("change");
    assertThat(secretData("change-credentials")).isEqualTo(credentials);
  }

  @Test
  void pausedClusterKeepsItsChildrenUntilTheAnnotationIsRemoved() {
    createWithDeployments("paused");
    Deployment before = deployment("paused-search-api");

    edit(
        "paused",
        c -> c.getMetadata().getAnnotations().put(ImageSearchCluster.PAUSED_ANNOTATION, "true"));
    await().atMost(WAIT).until(() -> "True".equals(condition("paused", "Paused")));
    ImageSearchCluster paused = get("paused");
    assertThat(paused.getStatus().phase).isEqualTo("Paused");
    assertThat(message(paused, "Paused")).contains(ImageSearchCluster.PAUSED_ANNOTATION);

    changeSearchApi("paused");
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                deployment("paused-search-api")
                    .getMetadata()
                    .getResourceVersion()
                    .equals(before.getMetadata().getResourceVersion()));
    ImageSearchCluster changedWhilePaused = get("paused");
    assertThat(changedWhilePaused.getStatus().observedGeneration)
        .isLessThan(changedWhilePaused.getMetadata().getGeneration());

    edit(
        "paused",
        c -> c.getMetadata().getAnnotations().remove(ImageSearchCluster.PAUSED_ANNOTATION));
    awaitSearchApiChanged("paused");
    await().atMost(WAIT).until(() -> !"Paused".equals(get("paused").getStatus().phase));
    assertThat(condition("paused", "Paused")).isNull();
  }

  @Test
  void aDeletedChildIsRecreated() {
    create(cluster("heal"));
    await().atMost(WAIT).until(() -> names(Service.class).contains("heal-redis"));
    await().atMost(WAIT).until(() -> names(Secret.class).contains("heal-credentials"));

    client.services().inNamespace(namespace).withName("heal-redis").delete();
    // The Secret is polled by name (every 30 s), not watched.
    client.secrets().inNamespace(namespace).withName("heal-credentials").delete();

    await().atMost(WAIT).until(() -> recreated(Service.class, "heal-redis"));
    await().atMost(WAIT).until(() -> recreated(Secret.class, "heal-credentials"));
  }

  @Test
  void missingExternalSecretMakesTheClusterDegradedNamingIt() {
    ImageSearchCluster cluster = cluster("ext");
    DependencySpec redis = new DependencySpec();
    redis.external = new ExternalSpec();
    redis.external.endpoint = "redis.example:6379";
    redis.external.secretRef = new ExternalSpec.SecretRef();
    redis.external.secretRef.name = "managed-redis";
    cluster.getSpec().redis = redis;

    create(cluster);

    await().atMost(WAIT).until(() -> "True".equals(condition("ext", "Degraded")));
    ImageSearchCluster degraded = get("ext");
    assertThat(message(degraded, "Degraded"))
        .contains("Secret " + namespace + "/managed-redis")
        .contains("spec.redis.external.secretRef");
    assertThat(message(degraded, "RedisReady")).contains("managed-redis");
    assertThat(degraded.getStatus().phase).isEqualTo("Degraded");
    // No in-cluster Redis for an external one.
    assertThat(names(StatefulSet.class)).doesNotContain("ext-redis");
  }

  @Test
  void aChildTheApiServerRefusesIsNamedInTheStatusUntilItIsCreated() {
    // No quota controller here: the quota's status is written as it would report it.
    ResourceQuota quota =
        client
            .resource(
                new ResourceQuotaBuilder()
                    .withNewMetadata()
                    .withName("no-configmaps")
                    .withNamespace(namespace)
                    .endMetadata()
                    .withNewSpec()
                    .addToHard("configmaps", new Quantity("0"))
                    .endSpec()
                    .build())
            .create();
    quota.setStatus(
        new ResourceQuotaStatusBuilder()
            .addToHard("configmaps", new Quantity("0"))
            .addToUsed("configmaps", new Quantity("0"))
            .build());
    client.resource(quota).updateStatus();

    create(cluster("refused"));

    await().atMost(WAIT).until(() -> "True".equals(condition("refused", "ReconcileError")));
    ImageSearchCluster failed = get("refused");
    assertThat(conditionOf(failed, "ReconcileError").getReason()).isEqualTo("ChildrenFailed");
    assertThat(message(failed, "ReconcileError"))
        .startsWith(
            "config: configmaps \"refused-config\" is forbidden: exceeded quota: no-configmaps")
        .doesNotContain("\tat ");

    client.resourceQuotas().inNamespace(namespace).withName("no-configmaps").delete();
    await().atMost(WAIT).until(() -> names(ConfigMap.class).contains("refused-config"));
    await().atMost(WAIT).until(() -> condition("refused", "ReconcileError") == null);
  }

  @Test
  void steadyStateMakesNoWrites() {
    create(cluster("idle"));
    await().atMost(WAIT).until(() -> names(StatefulSet.class).size() == 3);
    markStatefulSetsReady();
    await().atMost(WAIT).until(() -> names(Deployment.class).size() == 4);
    markDeploymentsReady();
    await().atMost(WAIT).until(() -> "True".equals(condition("idle", "Ready")));
    await().atMost(WAIT).until(() -> names(PodDisruptionBudget.class).size() == 4);

    // Once converged, versions stay put: no reconciliation rewrites a child or the status.
    Map<String, String> before = resourceVersions();
    await().pollDelay(Duration.ofSeconds(5)).atMost(WAIT).until(() -> true);
    assertThat(resourceVersions()).isEqualTo(before);
  }

  @Test
  void crashLoopUnschedulableAndStuckRolloutAreDegradedUntilFixed() {
    // No kubelet here: the pods and the Deployments' status are written as they would report.
    String name = "broken";
    createWithDeployments(name);
    markDeploymentsReady();
    await().atMost(WAIT).until(() -> "True".equals(condition(name, "Ready")));

    // Every worker pod crash-loops: none available.
    pod(name, "worker", "broken-worker-abc", WorkloadStates.crashLooping("worker"));
    deploymentStatus("broken-worker", g -> WorkloadStates.neverAvailable(1, g));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(condition(name, "Degraded")).isEqualTo("True");
              assertThat(message(get(name), "Degraded"))
                  .contains(
                      "worker: pod broken-worker-abc CrashLoopBackOff (" + WorkloadStates.BACK_OFF);
              assertThat(condition(name, "Ready")).isEqualTo("False");
              assertThat(get(name).getStatus().phase).isEqualTo("Degraded");
            });

    // search-api: the new pod cannot be scheduled while the old one still serves, past the
    // progress deadline.
    pod(name, "search-api", "broken-search-api-old", WorkloadStates.running("search-api"));
    pod(name, "search-api", "broken-search-api-new", WorkloadStates.unschedulable());
    deploymentStatus("broken-search-api", g -> WorkloadStates.stuckRollout(g, true));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(message(get(name), "Degraded"))
                    .contains(
                        "search-api: pod broken-search-api-new Unschedulable: 0/1 nodes are"
                            + " available: 1 Insufficient cpu")
                    .contains("search-api: rollout stuck, ProgressDeadlineExceeded")
                    .doesNotContain("broken-search-api-old"));

    // Fixed: the broken pods are gone and every rollout completes.
    client.pods().inNamespace(namespace).withName("broken-worker-abc").delete();
    client.pods().inNamespace(namespace).withName("broken-search-api-new").delete();
    markDeploymentsReady();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(condition(name, "Degraded")).isEqualTo("False");
              assertThat(condition(name, "Ready")).isEqualTo("True");
            });
  }

  private ImageSearchCluster cluster(String name) {
    return TestCluster.cluster(name, namespace);
  }

  private void create(ImageSearchCluster cluster) {
    client.resource(cluster).inNamespace(namespace).create();
  }

  /** Creates the cluster and waits for its Deployments, which follow ready StatefulSets. */
  private void createWithDeployments(String name) {
    create(cluster(name));
    await().atMost(WAIT).until(() -> names(StatefulSet.class).size() == 3);
    markStatefulSetsReady();
    await().atMost(WAIT).until(() -> names(Deployment.class).size() == 4);
  }

  private void changeSearchApi(String name) {
    edit(
        name,
        c -> {
          c.getSpec().version = "2.0.0";
          c.getSpec().searchApi.replicas = 3;
        });
  }

  private void awaitSearchApiChanged(String name) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Deployment search = deployment(name + "-search-api");
              assertThat(search.getSpec().getReplicas()).isEqualTo(3);
              assertThat(search.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                  .isEqualTo("ghcr.io/imagesearch/search-api:2.0.0");
            });
  }

  /** Edits the cluster, retrying a 409 from the operator's concurrent status write. */
  private void edit(String name, Consumer<ImageSearchCluster> change) {
    await()
        .atMost(WAIT)
        .ignoreExceptionsInstanceOf(KubernetesClientException.class)
        .until(
            () -> {
              client
                  .resources(ImageSearchCluster.class)
                  .inNamespace(namespace)
                  .withName(name)
                  .edit(
                      c -> {
                        change.accept(c);
                        return c;
                      });
              return true;
            });
  }

  private boolean recreated(Class<? extends HasMetadata> type, String name) {
    HasMetadata child = client.resources(type).inNamespace(namespace).withName(name).get();
    return child != null && child.getMetadata().getDeletionTimestamp() == null;
  }

  private ImageSearchCluster get(String name) {
    return client.resources(ImageSearchCluster.class).inNamespace(namespace).withName(name).get();
  }

  private String condition(String name, String type) {
    ImageSearchCluster c = get(name);
    if (c == null || c.getStatus() == null) {
      return null;
    }
    return c.getStatus().conditions.stream()
        .filter(x -> x.getType().equals(type))
        .map(x -> x.getStatus())
        .findFirst()
        .orElse(null);
  }

  private static String message(ImageSearchCluster c, String type) {
    return conditionOf(c, type).getMessage();
  }

  private static Condition conditionOf(ImageSearchCluster c, String type) {
    return c.getStatus().conditions.stream()
        .filter(x -> x.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  private Map<String, String> secretData(String name) {
    return client.secrets().inNamespace(namespace).withName(name).get().getData();
  }

  private <T extends HasMetadata> List<String> names(Class<T> type) {
    return client.resources(type).inNamespace(namespace).list().getItems().stream()
        .map(r -> r.getMetadata().getName())
        .toList();
  }

  private Map<String, String> resourceVersions() {
    Map<String, String> versions = new TreeMap<>();
    Stream.of(
            ImageSearchCluster.class,
            Deployment.class,
            StatefulSet.class,
            Service.class,
            ConfigMap.class,
            Secret.class,
            PodDisruptionBudget.class,
            NetworkPolicy.class)
        .forEach(
            type ->
                client
                    .resources(type)
                    .inNamespace(namespace)
                    .list()
                    .getItems()
                    .forEach(
                        r ->
                            versions.put(
                                type.getSimpleName() + "/" + r.getMetadata().getName(),
                                r.getMetadata().getResourceVersion())));
    return versions;
  }

  /** A pod of a component, labelled as its Deployment's template labels it, in a given state. */
  private void pod(String cluster, String component, String name, PodStatus status) {
    Pod pod =
        client
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(namespace)
                    .withLabels(Names.labels(cluster(cluster), component))
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
    Deployment d = deployment(name);
    d.setStatus(status.apply(d.getMetadata().getGeneration()));
    client.resource(d).updateStatus();
  }

  private void markStatefulSetsReady() {
    TestCluster.markStatefulSetsReady(client, namespace);
  }

  private void markDeploymentsReady() {
    TestCluster.markDeploymentsReady(client, namespace);
  }
}
