package io.imagesearch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.OidcSpec;
import io.imagesearch.operator.api.SecuritySpec;
import io.imagesearch.testsupport.KubeApiServer;
import io.imagesearch.testsupport.SharedServers;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's side of authentication against a real API server: the admin API key in a Secret,
 * generated once or the user's; the services reading it and the OIDC settings from their
 * environment; the Secrets the CRD cannot check reported in the status; NetworkPolicies for the
 * services as the API server stores them.
 */
@ExtendWith(SharedServers.class)
class OperatorSecurityIT {
  // The generated Secret and the user's are read by name every 30 s, never watched.
  private static final Duration WAIT = Duration.ofSeconds(75);
  private static final String KEY_FORMAT = "isk_[0-9a-f]{16}_[0-9a-f]{64}";
  private static final List<String> HTTP_SERVICES = List.of("ingest-api", "search-api", "cdn");

  private KubernetesClient client;
  private Operator operator;
  private String namespace;

  @BeforeEach
  void start(KubeApiServer server) throws Exception {
    client = server.newClient();
    TestCluster.applyCrd(client);
    namespace = TestCluster.newNamespace(client, "opsec");
    operator = TestCluster.operator(client, namespace, Metrics.NOOP);
    operator.start();
  }

  @AfterEach
  void stop() {
    operator.stop();
    client.close();
  }

  @Test
  void theAdminKeyIsGeneratedOnceAndKeptAcrossReconcilesAndSpecChanges() {
    createWithDeployments(TestCluster.cluster("keep", namespace));
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
    ImageSearchCluster cluster = TestCluster.cluster("wired", namespace);
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
    ImageSearchCluster cluster = TestCluster.cluster("own", namespace);
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
    ImageSearchCluster cluster = TestCluster.cluster("tls", namespace);
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
    ImageSearchCluster cluster = TestCluster.cluster("net", namespace);
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
      assertThat(rules)
          .extracting(r -> r.getPorts().getFirst().getPort().getIntVal())
          .containsExactly(8080, 9090);
      assertThat(rules.getFirst().getFrom().getFirst().getNamespaceSelector().getMatchLabels())
          .containsEntry("kubernetes.io/metadata.name", "ingress-nginx");
      assertThat(rules.get(1).getFrom().getFirst().getNamespaceSelector().getMatchLabels())
          .containsEntry("kubernetes.io/metadata.name", "monitoring");
    }
    NetworkPolicy worker = policy("net-worker");
    assertThat(worker.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(worker.getSpec().getIngress())
        .singleElement()
        .satisfies(r -> assertThat(r.getPorts().getFirst().getPort().getIntVal()).isEqualTo(9090));
  }

  private void createWithDeployments(ImageSearchCluster cluster) {
    client.resource(cluster).inNamespace(namespace).create();
    String name = cluster.getMetadata().getName();
    await()
        .atMost(WAIT)
        .until(
            () ->
                client.apps().statefulSets().inNamespace(namespace).list().getItems().stream()
                        .filter(s -> s.getMetadata().getName().startsWith(name + "-"))
                        .count()
                    == 3);
    TestCluster.markStatefulSetsReady(client, namespace);
    await()
        .atMost(WAIT)
        .until(
            () ->
                client.apps().deployments().inNamespace(namespace).list().getItems().stream()
                        .filter(d -> d.getMetadata().getName().startsWith(name + "-"))
                        .count()
                    == 4);
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

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
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
        .map(Condition::getStatus)
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
}
