package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.operator.api.ImageSearchCluster;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialEnvTest {

  @Test
  void inClusterCredentialsComeFromTheGeneratedSecretWhenItHasThem() {
    ImageSearchCluster cluster = TestClusters.demo().build();

    assertThat(secretKey(cluster, Dependency.REDIS, "SPRING_DATA_REDIS_PASSWORD"))
        .hasValue(new SecretKey("demo-credentials", "redis-password"));
    // The in-cluster Milvus runs without a token.
    assertThat(secretKey(cluster, Dependency.MILVUS, "IMAGESEARCH_MILVUS_TOKEN")).isEmpty();
  }

  @Test
  void externalCredentialsComeFromTheUsersSecretIfItNamesOne() {
    ImageSearchCluster cluster =
        TestClusters.demo()
            .editSpec()
            .withMilvus(TestClusters.external("https://milvus.example", "milvus-token"))
            .withRedis(TestClusters.external("redis.example:6379"))
            .endSpec()
            .build();

    assertThat(secretKey(cluster, Dependency.MILVUS, "IMAGESEARCH_MILVUS_TOKEN"))
        .hasValue(new SecretKey("milvus-token", "token"));
    assertThat(secretKey(cluster, Dependency.REDIS, "SPRING_DATA_REDIS_PASSWORD")).isEmpty();
    assertThat(CredentialEnv.forComponent(cluster, Component.SEARCH_API))
        .extracting(e -> e.getName())
        .containsExactlyInAnyOrder(
            "IMAGESEARCH_MILVUS_TOKEN",
            "IMAGESEARCH_MINIO_ACCESS_KEY",
            "IMAGESEARCH_MINIO_SECRET_KEY");
  }

  private static Optional<SecretKey> secretKey(
      ImageSearchCluster cluster, Dependency dependency, String envVar) {
    return CredentialEnv.secretKey(cluster, dependency, dependency.credential(envVar));
  }
}
