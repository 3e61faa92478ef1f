package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.imagesearch.operator.api.ImageSearchCluster;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsModelTest {

  private final ImageSearchCluster cluster = TestClusters.demo().build();

  @Test
  void generatedCredentialsAreKeptOnceTheyExist() {
    Secret first = CredentialsModel.build(cluster, Map.of());
    Secret again = CredentialsModel.build(cluster, first.getData());

    assertThat(first.getData())
        .containsOnlyKeys("minio-access-key", "minio-secret-key", "redis-password");
    assertThat(again.getData()).isEqualTo(first.getData());
    assertThat(CredentialsModel.build(cluster, Map.of()).getData()).isNotEqualTo(first.getData());
  }

  @Test
  void everyGeneratedKeyOfTheDependenciesIsInTheSecret() {
    Secret secret = CredentialsModel.build(cluster, Map.of());

    for (Dependency dependency : Dependency.values()) {
      dependency.credentials().stream()
          .filter(CredentialKeys::generated)
          .forEach(c -> assertThat(secret.getData()).containsKey(c.generatedKey()));
    }
  }
}
