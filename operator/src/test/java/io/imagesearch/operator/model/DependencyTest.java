package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.operator.api.ImageSearchCluster;
import org.junit.jupiter.api.Test;

class DependencyTest {

  private final ImageSearchCluster cluster = TestClusters.demo().build();

  @Test
  void eachIsNamedInTheSpecStatusAndConditionsByItsKey() {
    assertThat(Dependency.OBJECT_STORE.id()).isEqualTo("minio");
    assertThat(Dependency.OBJECT_STORE.statusKey()).isEqualTo("objectStore");
    assertThat(Dependency.OBJECT_STORE.conditionType()).isEqualTo("ObjectStoreReady");
    assertThat(Dependency.REDIS.conditionType()).isEqualTo("RedisReady");
    assertThat(Dependency.MILVUS.conditionType()).isEqualTo("MilvusReady");
  }

  @Test
  void inClusterEndpointsAreTheServicesAndExternalOnesTheUsers() {
    assertThat(Dependency.REDIS.endpoint(cluster)).isEqualTo("demo-redis.ns.svc:6379");
    assertThat(Dependency.OBJECT_STORE.endpoint(cluster))
        .isEqualTo("http://demo-minio.ns.svc:9000");

    ImageSearchCluster external =
        TestClusters.demo()
            .editSpec()
            .withMilvus(TestClusters.external("https://milvus.example:443", "milvus"))
            .endSpec()
            .build();

    assertThat(Dependency.MILVUS.inCluster(external)).isFalse();
    assertThat(Dependency.MILVUS.endpoint(external)).isEqualTo("https://milvus.example:443");
  }

  @Test
  void credentialsSayWhereEachKindOfSecretHoldsThem() {
    CredentialKeys token = Dependency.MILVUS.credential("IMAGESEARCH_MILVUS_TOKEN");
    assertThat(token.generated()).isFalse();
    assertThat(token.externalKey()).isEqualTo("token");

    CredentialKeys secretKey = Dependency.OBJECT_STORE.credential("IMAGESEARCH_MINIO_SECRET_KEY");
    assertThat(secretKey.generatedKey()).isEqualTo("minio-secret-key");
    assertThat(secretKey.externalKey()).isEqualTo("secretKey");

    assertThat(Dependency.OBJECT_STORE.credentials())
        .extracting(CredentialKeys::envVar)
        .containsExactly("IMAGESEARCH_MINIO_ACCESS_KEY", "IMAGESEARCH_MINIO_SECRET_KEY");
    assertThatThrownBy(() -> Dependency.REDIS.credential("IMAGESEARCH_MILVUS_TOKEN"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
