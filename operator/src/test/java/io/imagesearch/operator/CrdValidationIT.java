package io.imagesearch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterSpec;
import io.imagesearch.testsupport.KubeApiServer;
import io.imagesearch.testsupport.RepositoryRoot;
import io.imagesearch.testsupport.SharedServers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated schema, as a real API server applies it to the examples and to bad input. */
@ExtendWith(SharedServers.class)
class CrdValidationIT {

  @ParameterizedTest
  @ValueSource(strings = {"minimal.yaml", "external-dependencies.yaml", "gpu-workers.yaml"})
  void everyExampleIsAccepted(String example, KubeApiServer server) throws IOException {
    try (KubernetesClient client = server.newClient()) {
      TestCluster.applyCrd(client);
      String namespace = TestCluster.newNamespace(client, "examples");
      ImageSearchCluster cluster;
      try (InputStream in =
          Files.newInputStream(RepositoryRoot.find().resolve("examples").resolve(example))) {
        cluster = client.resources(ImageSearchCluster.class).load(in).item();
      }

      ImageSearchCluster stored = client.resource(cluster).inNamespace(namespace).create();

      assertThat(stored.getSpec().version).isEqualTo("0.1.0");
      // Schema defaults are applied by the server.
      assertThat(stored.getSpec().model.format).isNotNull();
    }
  }

  @Test
  void minAboveMaxIsRejectedWithTheRuleMessage(KubeApiServer server) {
    assertRejected(
        server,
        "bad-scaling.yaml",
        List.of(
            "spec.worker.autoscaling",
            "autoscaling.min must be less than or equal to autoscaling.max"));
  }

  @Test
  void externalWithoutEndpointIsRejected(KubeApiServer server) {
    assertRejected(
        server, "bad-external.yaml", List.of("spec.redis.external.endpoint", "Required value"));
  }

  @Test
  void bothInClusterAndExternalIsRejected(KubeApiServer server) {
    assertRejected(
        server,
        "bad-both.yaml",
        List.of("spec.milvus", "set exactly one of inCluster or external"));
  }

  @Test
  void registryWithATrailingSlashIsRejected(KubeApiServer server) {
    assertRejected(server, "bad-registry.yaml", List.of("spec.images.registry", "should match"));
  }

  @Test
  void imageOverridesOldAndNewAreAcceptedWithoutServerDefaults(KubeApiServer server)
      throws IOException {
    try (KubernetesClient client = server.newClient()) {
      TestCluster.applyCrd(client);
      String namespace = TestCluster.newNamespace(client, "images");
      ImageSearchCluster cluster = TestCluster.cluster("local", namespace);
      cluster.getSpec().images.registry = "imagesearch.local";
      cluster.getSpec().images.pullPolicy = io.imagesearch.operator.api.Images.PullPolicy.Never;
      cluster.getSpec().images.worker = "registry.example/worker@sha256:0123";
      cluster.getSpec().images.milvus = "imagesearch.local/milvus-lite-standin:3.2.2";

      ImageSearchCluster stored = client.resource(cluster).inNamespace(namespace).create();
      assertThat(stored.getSpec().images.pullPolicy)
          .isEqualTo(io.imagesearch.operator.api.Images.PullPolicy.Never);
      assertThat(stored.getSpec().images.worker).isEqualTo("registry.example/worker@sha256:0123");

      // Left out, registry and pull policy stay unset, so the operator's defaults apply.
      ImageSearchCluster plain =
          client.resource(TestCluster.cluster("plain", namespace)).inNamespace(namespace).create();
      assertThat(plain.getSpec().images.registry).isNull();
      assertThat(plain.getSpec().images.pullPolicy).isNull();
    }
  }

  @Test
  void anIngressWithoutTlsIsRejectedSayingWhatToDo(KubeApiServer server) {
    assertRejectedYaml(
        server,
        """
        apiVersion: imagesearch.io/v1alpha1
        kind: ImageSearchCluster
        metadata: {name: plain-ingress}
        spec:
          version: "1.0.0"
          ingress: {enabled: true, host: images.example.com}
        """,
        List.of(
            "spec.ingress.tlsSecretName: Required value",
            "name the kubernetes.io/tls Secret for ingress.host",
            "or set ingress.allowPlainHttp: true"));
  }

  @Test
  void anIngressWithTlsOrExplicitPlainHttpOrDisabledIsAccepted(KubeApiServer server) {
    ImageSearchCluster tls =
        accepted(
            server,
            """
            apiVersion: imagesearch.io/v1alpha1
            kind: ImageSearchCluster
            metadata: {name: tls}
            spec:
              version: "1.0.0"
              ingress: {enabled: true, host: images.example.com, tlsSecretName: images-tls}
            """);
    ImageSearchCluster plain =
        accepted(
            server,
            """
            apiVersion: imagesearch.io/v1alpha1
            kind: ImageSearchCluster
            metadata: {name: plain}
            spec:
              version: "1.0.0"
              ingress: {enabled: true, host: images.example.com, allowPlainHttp: true}
            """);
    // Neither is needed while the Ingress is off: the server's defaults fill in the flags.
    ImageSearchCluster off =
        accepted(
            server,
            """
            apiVersion: imagesearch.io/v1alpha1
            kind: ImageSearchCluster
            metadata: {name: off}
            spec:
              version: "1.0.0"
              ingress: {host: images.example.com}
            """);

    assertThat(tls.getSpec().ingress.tlsSecretName).isEqualTo("images-tls");
    assertThat(tls.getSpec().ingress.allowPlainHttp).isFalse();
    assertThat(plain.getSpec().ingress.allowPlainHttp).isTrue();
    assertThat(off.getSpec().ingress.enabled).isFalse();
  }

  @Test
  void aPlainHttpIngressStoredBeforeTheRuleTakesOtherChangesButNoIngressChange(KubeApiServer server)
      throws IOException {
    try (KubernetesClient client = server.newClient()) {
      // The CRD as it was before the TLS rule, and a resource it accepted then.
      String crd = CrdUpToDateTest.generated();
      String rule = "!self.enabled || has(self.tlsSecretName) || self.allowPlainHttp";
      assertThat(crd).contains(rule);
      TestCluster.applyCrds(
          client,
          new java.io.ByteArrayInputStream(
              crd.replace(rule, "true").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      String namespace = TestCluster.newNamespace(client, "upgrade");
      ImageSearchCluster old = TestCluster.cluster("old", namespace);
      old.getSpec().ingress.enabled = true;
      old.getSpec().ingress.host = "images.example.com";
      client.resource(old).inNamespace(namespace).create();

      TestCluster.applyCrd(client);
      var stored =
          client.resources(ImageSearchCluster.class).inNamespace(namespace).withName("old");

      // Kubernetes ratchets the rules on fields a change leaves alone.
      assertThat(stored.edit(c -> edited(c, s -> s.version = "1.0.1")).getSpec().version)
          .isEqualTo("1.0.1");
      assertThatThrownBy(() -> stored.edit(c -> edited(c, s -> s.ingress.className = "nginx")))
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              e -> assertThat(e.getMessage()).contains("spec.ingress.tlsSecretName"));
    }
  }

  private static ImageSearchCluster edited(
      ImageSearchCluster cluster, java.util.function.Consumer<ImageSearchClusterSpec> change) {
    change.accept(cluster.getSpec());
    return cluster;
  }

  @Test
  void anOidcIssuerOverPlainHttpIsRejected(KubeApiServer server) {
    assertRejectedYaml(
        server,
        """
        apiVersion: imagesearch.io/v1alpha1
        kind: ImageSearchCluster
        metadata: {name: http-issuer}
        spec:
          version: "1.0.0"
          security:
            oidc: {issuerUri: "http://login.example.com/realms/images", audience: images}
        """,
        List.of("spec.security.oidc.issuerUri", "must be an https URL"));
    assertRejectedYaml(
        server,
        """
        apiVersion: imagesearch.io/v1alpha1
        kind: ImageSearchCluster
        metadata: {name: not-a-url}
        spec:
          version: "1.0.0"
          security:
            oidc:
              issuerUri: "https://login.example.com"
              audience: images
              jwkSetUri: "login.example.com/certs"
        """,
        List.of("spec.security.oidc.jwkSetUri", "must be an https URL"));
  }

  @Test
  void anOidcIssuerWithoutAudienceIsRejected(KubeApiServer server) {
    assertRejectedYaml(
        server,
        """
        apiVersion: imagesearch.io/v1alpha1
        kind: ImageSearchCluster
        metadata: {name: no-audience}
        spec:
          version: "1.0.0"
          security:
            oidc: {issuerUri: "https://login.example.com/realms/images"}
        """,
        List.of("spec.security.oidc.audience", "Required value"));
  }

  @Test
  void securitySettingsAreAcceptedAndTheAdminKeysKeyDefaulted(KubeApiServer server) {
    ImageSearchCluster stored =
        accepted(
            server,
            """
            apiVersion: imagesearch.io/v1alpha1
            kind: ImageSearchCluster
            metadata: {name: secured}
            spec:
              version: "1.0.0"
              security:
                adminKeySecretRef: {name: team-admin-key}
                oidc:
                  issuerUri: "https://login.example.com:8443/realms/images"
                  audience: image-search
                  jwkSetUri: "https://login.example.com:8443/realms/images/protocol/openid-connect/certs"
                  scopeClaims: [scope, scp]
                  rolesClaim: realm_access.roles
                  roleScopes:
                    Image-Admins: [admin]
                    /photographers: [upload, search]
                  clockSkew: 30s
            """);

    assertThat(stored.getSpec().security.adminKeySecretRef.name).isEqualTo("team-admin-key");
    assertThat(stored.getSpec().security.adminKeySecretRef.key).isEqualTo("admin-api-key");
    assertThat(stored.getSpec().security.oidc.audience).isEqualTo("image-search");
    assertThat(stored.getSpec().security.oidc.roleScopes)
        .containsEntry(
            "/photographers",
            List.of(
                io.imagesearch.operator.api.OidcSpec.Scope.upload,
                io.imagesearch.operator.api.OidcSpec.Scope.search));
    assertThat(stored.getSpec().security.oidc.clockSkew).isEqualTo("30s");
  }

  @Test
  void aBadClaimMappingIsRejectedSayingWhatIsAccepted(KubeApiServer server) {
    String cluster =
        """
        apiVersion: imagesearch.io/v1alpha1
        kind: ImageSearchCluster
        metadata: {name: %s}
        spec:
          version: "1.0.0"
          security:
            oidc:
              issuerUri: "https://login.example.com/realms/images"
              audience: images
        %s
        """;
    assertRejectedYaml(
        server,
        cluster.formatted(
            "unknown-scope", "      rolesClaim: groups\n      roleScopes: {admins: [root]}"),
        List.of("spec.security.oidc.roleScopes", "Unsupported value: \"root\""));
    assertRejectedYaml(
        server,
        cluster.formatted(
            "bracketed-role", "      rolesClaim: groups\n      roleScopes: {\"a]b\": [admin]}"),
        List.of("spec.security.oidc.roleScopes", "cannot hold [ or ]"));
    assertRejectedYaml(
        server,
        cluster.formatted("roles-without-scopes", "      rolesClaim: groups"),
        List.of("rolesClaim and security.oidc.roleScopes go together"));
    assertRejectedYaml(
        server,
        cluster.formatted("long-skew", "      clockSkew: 10m"),
        List.of("spec.security.oidc.clockSkew", "between 0s and 5m"));
  }

  /**
   * Creates the resource with exactly the fields the YAML names, as kubectl sends it (the Java
   * class would add its defaults), and returns what the server stored.
   */
  private static ImageSearchCluster accepted(KubeApiServer server, String yaml) {
    try (KubernetesClient client = server.newClient()) {
      TestCluster.applyCrd(client);
      String namespace = TestCluster.newNamespace(client, "accepted");
      var serialization = client.getKubernetesSerialization();
      GenericKubernetesResource stored =
          client
              .genericKubernetesResources("imagesearch.io/v1alpha1", "ImageSearchCluster")
              .inNamespace(namespace)
              .resource(serialization.unmarshal(yaml, GenericKubernetesResource.class))
              .create();
      return serialization.convertValue(stored, ImageSearchCluster.class);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Creates the YAML as given, as kubectl sends it (values the Java classes could not even hold
   * reach the server), and expects the server to refuse it.
   */
  private static void assertRejectedYaml(KubeApiServer server, String yaml, List<String> expected) {
    try (KubernetesClient client = server.newClient()) {
      TestCluster.applyCrd(client);
      String namespace = TestCluster.newNamespace(client, "invalid");
      GenericKubernetesResource resource =
          client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);

      assertThatThrownBy(
              () ->
                  client
                      .genericKubernetesResources("imagesearch.io/v1alpha1", "ImageSearchCluster")
                      .inNamespace(namespace)
                      .resource(resource)
                      .create())
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              e -> {
                assertThat(e.getCode()).isEqualTo(422);
                assertThat(e.getMessage()).contains(expected);
              });
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Creates a fixture of src/test/resources/fixtures and expects the server to refuse it. */
  private static void assertRejected(KubeApiServer server, String fixture, List<String> expected) {
    try (InputStream in = CrdValidationIT.class.getResourceAsStream("/fixtures/" + fixture)) {
      assertThat(in).as("fixture %s", fixture).isNotNull();
      assertRejected(server, in, expected);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertRejected(
      KubeApiServer server, InputStream yaml, List<String> expected) {
    try (KubernetesClient client = server.newClient()) {
      try {
        TestCluster.applyCrd(client);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      String namespace = TestCluster.newNamespace(client, "invalid");
      ImageSearchCluster cluster = client.resources(ImageSearchCluster.class).load(yaml).item();

      assertThatThrownBy(() -> client.resource(cluster).inNamespace(namespace).create())
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              e -> {
                assertThat(e.getCode()).isEqualTo(422);
                assertThat(e.getMessage()).contains(expected);
              });
    }
  }
}
