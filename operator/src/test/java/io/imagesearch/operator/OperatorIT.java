package io.imagesearch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imagesearch.operator.api.DependencySpec;
import io.imagesearch.operator.api.ExternalSpec;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.OidcSpec;
import io.imagesearch.operator.api.SecuritySpec;
import io.imagesearch.operator.model.Names;
import io.imagesearch.operator.reconciler.WorkloadStates;
import io.imagesearch.testsupport.KubeApiServer;
import io.imagesearch.testsupport.SharedServers;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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
  private static final String KEY_FORMAT = "isk_[0-9a-f]{16}_[0-9a-f]{64}";
  private static final List<String> HTTP_SERVICES = List.of("ingest-api", "search-api", "cdn");

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

  @Test
  void theAdminKeyIsGeneratedOnceAndKeptAcrossReconcilesAndSpecChanges() {
    createWithDeployments(cluster("keep"));
    String key = adminKey("keep-credentials", "admin-api-key");
    assertThat(key).matches(KEY_FORMAT);

    edit(
        "keep",
        c -> {
          c.getSpec().version = "2.0.0";
          c.getSpec().security.oidc = oidc("https://login.example.com/realms/images", "images");
        });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(env(deployment("keep-search-api"), "IMAGESEARCH_SECURITY_OIDC_AUDIENCE"))
                    .isEqualTo("images"));
    // Naming a Secret of one's own keeps the generated key for a later switch back.
    edit("keep", c -> c.getSpec().security.adminKeySecretRef = ref("team-admin", "admin-api-key"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(secretRef(deployment("keep-cdn"), "IMAGESEARCH_SECURITY_ADMIN_KEY"))
                    .containsExactly("team-admin", "admin-api-key"));

    assertThat(adminKey("keep-credentials", "admin-api-key")).isEqualTo(key);
  }

  @Test
  void theHttpServicesReadTheKeyFromTheSecretAndTheOidcSettingsFromTheSpec() {
    ImageSearchCluster cluster = cluster("wired");
    cluster.getSpec().security.oidc = oidc("https://login.example.com/realms/images", "images");
    cluster.getSpec().security.oidc.jwkSetUri = "https://login.example.com/realms/images/certs";
    createWithDeployments(cluster);
    String key = adminKey("wired-credentials", "admin-api-key");

    for (String service : HTTP_SERVICES) {
      Deployment deployment = deployment("wired-" + service);
      assertThat(secretRef(deployment, "IMAGESEARCH_SECURITY_ADMIN_KEY"))
          .containsExactly("wired-credentials", "admin-api-key");
      assertThat(env(deployment, "IMAGESEARCH_SECURITY_OIDC_ISSUER_URI"))
          .isEqualTo("https://login.example.com/realms/images");
      assertThat(env(deployment, "IMAGESEARCH_SECURITY_OIDC_JWK_SET_URI"))
          .isEqualTo("https://login.example.com/realms/images/certs");
      // Never a literal: the key's secret part appears nowhere in the stored Deployment.
      assertThat(client.getKubernetesSerialization().asJson(deployment))
          .doesNotContain(key.substring(21));
    }
    assertThat(container(deployment("wired-worker")).getEnv())
        .extracting(EnvVar::getName)
        .doesNotContain("IMAGESEARCH_SECURITY_ADMIN_KEY", "IMAGESEARCH_SECURITY_OIDC_ISSUER_URI");
  }

  @Test
  void theUsersSecretIsHonouredAndReportedUntilItHoldsAKey() {
    ImageSearchCluster cluster = cluster("own");
    cluster.getSpec().security.adminKeySecretRef = ref("team-admin", "key");
    createWithDeployments(cluster);

    for (String service : HTTP_SERVICES) {
      assertThat(secretRef(deployment("own-" + service), "IMAGESEARCH_SECURITY_ADMIN_KEY"))
          .containsExactly("team-admin", "key");
    }
    assertThat(secret("own-credentials").getData()).doesNotContainKey("admin-api-key");
    awaitDegraded(
        "own",
        "Secret "
            + namespace
            + "/team-admin referenced by spec.security.adminKeySecretRef"
            + " does not exist");

    String malformed = "isk_not-a-key-at-all";
    putSecret("team-admin", Map.of("key", malformed));
    awaitDegraded("own", "Secret " + namespace + "/team-admin key key");
    assertThat(message(get("own"), "Degraded"))
        .contains("does not hold an API key")
        .contains("openssl rand -hex 32")
        .doesNotContain(malformed);

    putSecret("team-admin", Map.of("key", "isk_0123456789abcdef_" + "ab".repeat(32)));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(condition("own", "Degraded")).isEqualTo("False"));
    assertThat(secret("own-credentials").getData()).doesNotContainKey("admin-api-key");
  }

  @Test
  void aMissingTlsSecretIsReportedUntilItExists() {
    ImageSearchCluster cluster = cluster("tls");
    cluster.getSpec().ingress.enabled = true;
    cluster.getSpec().ingress.host = "images.example.com";
    cluster.getSpec().ingress.tlsSecretName = "images-tls";
    createWithDeployments(cluster);

    awaitDegraded(
        "tls",
        "Secret " + namespace + "/images-tls named by spec.ingress.tlsSecretName does not exist");
    assertThat(conditionOf(get("tls"), "Degraded").getReason()).isEqualTo("SecretUnusable");

    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("images-tls")
                .withNamespace(namespace)
                .endMetadata()
                .withType("kubernetes.io/tls")
                .addToStringData("tls.crt", "")
                .addToStringData("tls.key", "")
                .build())
        .create();
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(condition("tls", "Degraded")).isEqualTo("False"));
  }

  @Test
  void eachServiceGetsANetworkPolicyTheApiServerAccepts() {
    ImageSearchCluster cluster = cluster("net");
    cluster.getSpec().ingress.controllerNamespaceSelector =
        labels("kubernetes.io/metadata.name", "ingress-nginx");
    cluster.getSpec().monitoring.metricsNamespaceSelector =
        labels("kubernetes.io/metadata.name", "monitoring");
    client.resource(cluster).inNamespace(namespace).create();

    await()
        .atMost(WAIT)
        .until(
            () ->
                client
                        .network()
                        .v1()
                        .networkPolicies()
                        .inNamespace(namespace)
                        .list()
                        .getItems()
                        .size()
                    == 7);
    for (String service : HTTP_SERVICES) {
      List<NetworkPolicyIngressRule> rules = policy("net-" + service).getSpec().getIngress();
      // The cdn's delivery port (8085) admits the same pods as its HTTP port.
      List<Integer> clientPorts = service.equals("cdn") ? List.of(8080, 8085) : List.of(8080);
      assertThat(rules)
          .extracting(r -> r.getPorts().getFirst().getPort().getIntVal())
          .containsExactlyElementsOf(
              java.util.stream.Stream.concat(clientPorts.stream(), java.util.stream.Stream.of(9090))
                  .toList());
      for (NetworkPolicyIngressRule clientRule : rules.subList(0, clientPorts.size())) {
        assertThat(clientRule.getFrom().getFirst().getNamespaceSelector().getMatchLabels())
            .containsEntry("kubernetes.io/metadata.name", "ingress-nginx");
      }
      assertThat(rules.getLast().getFrom().getFirst().getNamespaceSelector().getMatchLabels())
          .containsEntry("kubernetes.io/metadata.name", "monitoring");
    }
    NetworkPolicy worker = policy("net-worker");
    assertThat(worker.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(worker.getSpec().getIngress())
        .singleElement()
        .satisfies(r -> assertThat(r.getPorts().getFirst().getPort().getIntVal()).isEqualTo(9090));
  }

  private ImageSearchCluster cluster(String name) {
    return TestCluster.cluster(name, namespace);
  }

  private void create(ImageSearchCluster cluster) {
    client.resource(cluster).inNamespace(namespace).create();
  }

  /** Creates the cluster and waits for its Deployments, which follow ready StatefulSets. */
  private void createWithDeployments(String name) {
    createWithDeployments(cluster(name));
  }

  private void createWithDeployments(ImageSearchCluster cluster) {
    create(cluster);
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
    TestCluster.edit(client, namespace, name, WAIT, change);
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

  private static OidcSpec oidc(String issuerUri, String audience) {
    OidcSpec oidc = new OidcSpec();
    oidc.issuerUri = issuerUri;
    oidc.audience = audience;
    return oidc;
  }

  private static SecuritySpec.KeySecretRef ref(String name, String key) {
    SecuritySpec.KeySecretRef ref = new SecuritySpec.KeySecretRef();
    ref.name = name;
    ref.key = key;
    return ref;
  }

  private static LabelSelector labels(String key, String value) {
    LabelSelector selector = new LabelSelector();
    selector.setMatchLabels(Map.of(key, value));
    return selector;
  }

  private void putSecret(String name, Map<String, String> data) {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withStringData(data)
                .build())
        .forceConflicts()
        .serverSideApply();
  }

  private String adminKey(String secret, String key) {
    await().atMost(WAIT).until(() -> secret(secret) != null);
    return new String(
        Base64.getDecoder().decode(secret(secret).getData().get(key)), StandardCharsets.UTF_8);
  }

  private Secret secret(String name) {
    return client.secrets().inNamespace(namespace).withName(name).get();
  }

  private NetworkPolicy policy(String name) {
    return client.network().v1().networkPolicies().inNamespace(namespace).withName(name).get();
  }

  private static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
  }

  private static String env(Deployment deployment, String name) {
    return envVar(deployment, name).getValue();
  }

  private static List<String> secretRef(Deployment deployment, String name) {
    var ref = envVar(deployment, name).getValueFrom().getSecretKeyRef();
    return List.of(ref.getName(), ref.getKey());
  }

  private static EnvVar envVar(Deployment deployment, String name) {
    return container(deployment).getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + container(deployment).getEnv()));
  }

  private void awaitDegraded(String name, String contained) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(condition(name, "Degraded")).isEqualTo("True");
              assertThat(message(get(name), "Degraded")).contains(contained);
            });
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
