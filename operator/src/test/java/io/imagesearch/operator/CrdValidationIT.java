package io.imagesearch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.imagesearch.operator.api.ImageSearchCluster;
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

  /** Creates a fixture of src/test/resources/fixtures and expects the server to refuse it. */
  private static void assertRejected(KubeApiServer server, String fixture, List<String> expected) {
    try (KubernetesClient client = server.newClient()) {
      try {
        TestCluster.applyCrd(client);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      String namespace = TestCluster.newNamespace(client, "invalid");
      ImageSearchCluster cluster;
      try (InputStream in = CrdValidationIT.class.getResourceAsStream("/fixtures/" + fixture)) {
        assertThat(in).as("fixture %s", fixture).isNotNull();
        cluster = client.resources(ImageSearchCluster.class).load(in).item();
      } catch (IOException e) {
        throw new AssertionError(e);
      }

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
