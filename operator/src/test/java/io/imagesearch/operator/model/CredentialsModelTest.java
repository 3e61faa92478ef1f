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
        .containsOnlyKeys(
            "admin-api-key", "minio-access-key", "minio-secret-key", "redis-password");
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

  @Test
  void theAdminKeyIsGeneratedInTheServicesFormatAndKeptWhateverTheSpecSays() {
    Secret first = CredentialsModel.build(cluster, Map.of());
    String key = decoded(first, "admin-api-key");
    assertThat(AdminApiKey.problem(key)).isEmpty();

    cluster.getSpec().version = "2.0.0";
    cluster.getSpec().security.oidc =
        TestClusters.oidc("https://login.example.com", "images", null);
    assertThat(decoded(CredentialsModel.build(cluster, first.getData()), "admin-api-key"))
        .isEqualTo(key);

    // Naming a Secret of one's own keeps the generated key, so switching back restores it.
    cluster.getSpec().security.adminKeySecretRef = TestClusters.adminKeyIn("mine", "key");
    Secret withOwnKey = CredentialsModel.build(cluster, first.getData());
    assertThat(decoded(withOwnKey, "admin-api-key")).isEqualTo(key);
  }

  @Test
  void noAdminKeyIsGeneratedWhileTheSpecNamesTheUsersSecret() {
    cluster.getSpec().security.adminKeySecretRef = TestClusters.adminKeyIn("mine", "key");

    assertThat(CredentialsModel.build(cluster, Map.of()).getData())
        .containsOnlyKeys("minio-access-key", "minio-secret-key", "redis-password");
  }

  private static String decoded(Secret secret, String key) {
    return new String(
        java.util.Base64.getDecoder().decode(secret.getData().get(key)),
        java.nio.charset.StandardCharsets.UTF_8);
  }
}
