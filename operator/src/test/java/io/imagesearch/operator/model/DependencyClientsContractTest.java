package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.testsupport.RepositoryRoot;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The dependencies the operator wires a service to (credentials, NetworkPolicy ingress) are exactly
 * the ones the service uses, as its conf/<service>.yml declares them. The conf files share one
 * template of imagesearch.* keys, so the keys cannot tell; the readiness group can: it lists the
 * health indicator of each client the service creates (redis, minio, milvus), and a service whose
 * readiness includes a dependency the operator does not admit is never Ready.
 */
class DependencyClientsContractTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Health indicator names of the services (conf) to the dependency behind each. */
  private static final Map<String, Dependency> INDICATORS =
      Map.of(
          "redis", Dependency.REDIS,
          "minio", Dependency.OBJECT_STORE,
          "milvus", Dependency.MILVUS);

  @ParameterizedTest
  @EnumSource(Component.class)
  void operatorWiresExactlyTheDependenciesTheServiceChecks(Component component) throws IOException {
    Set<Dependency> used = usedBy(component);
    Set<Dependency> wired =
        Arrays.stream(Dependency.values())
            .filter(d -> d.clients().contains(component))
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Dependency.class)));

    assertThat(wired).as("Dependency clients of %s", component.id()).isEqualTo(used);
  }

  @ParameterizedTest
  @EnumSource(Component.class)
  void everyUsedDependencyGivesCredentialsAndAdmitsTheService(Component component)
      throws IOException {
    ImageSearchCluster cluster = TestClusters.demo().build();
    Set<String> env =
        DeploymentModel.build(cluster, component, 1)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getEnv()
            .stream()
            .map(EnvVar::getName)
            .collect(Collectors.toSet());

    for (Dependency dependency : Dependency.values()) {
      boolean used = usedBy(component).contains(dependency);
      var admitted =
          NetworkPolicyModel.build(cluster, dependency)
              .getSpec()
              .getIngress()
              .get(0)
              .getFrom()
              .get(0)
              .getPodSelector()
              .getMatchExpressions()
              .get(0)
              .getValues();
      assertThat(admitted.contains(component.id()))
          .as("%s NetworkPolicy admits %s", dependency.id(), component.id())
          .isEqualTo(used);
      for (CredentialKeys credential : dependency.credentials()) {
        // Only generated credentials reach an in-cluster dependency's clients.
        assertThat(env.contains(credential.envVar()))
            .as("%s gets %s", component.id(), credential.envVar())
            .isEqualTo(used && credential.generated());
      }
    }
  }

  private static Set<Dependency> usedBy(Component component) throws IOException {
    JsonNode conf =
        YAML.readTree(
            RepositoryRoot.find().resolve("conf").resolve(component.id() + ".yml").toFile());
    String include = conf.at("/management/endpoint/health/group/readiness/include").asText();
    assertThat(include).as("readiness group of conf/%s.yml", component.id()).isNotBlank();
    Set<Dependency> used = EnumSet.noneOf(Dependency.class);
    for (String indicator : include.split(",")) {
      Dependency dependency = INDICATORS.get(indicator.trim());
      if (dependency != null) {
        used.add(dependency);
      }
    }
    // Every dependency a service uses is configured in its conf under the key the operator renders.
    for (Dependency dependency : used) {
      String key =
          dependency == Dependency.REDIS ? "/spring/data/redis" : "/imagesearch/" + dependency.id();
      assertThat(conf.at(key).isMissingNode())
          .as("%s in conf/%s.yml", key, component.id())
          .isFalse();
    }
    return used;
  }
}
