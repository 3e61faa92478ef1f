package io.imagesearch.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imagesearch.operator.api.ExternalSpec;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterBuilder;
import io.imagesearch.operator.model.CredentialsModel;
import io.imagesearch.operator.scaling.ClusterRedisTargets;
import io.imagesearch.operator.scaling.RedisBacklogSource;
import io.imagesearch.operator.scaling.RedisTarget;
import io.imagesearch.operator.scaling.WorkerScaler;
import io.imagesearch.testsupport.KubeApiServer;
import io.imagesearch.testsupport.RedisServer;
import io.imagesearch.testsupport.RepositoryRoot;
import io.imagesearch.testsupport.SharedServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Redis the worker scaler reads the backlog from, for a cluster as the operator receives it:
 * stored by the API server, read back and cloned through the client's Jackson mapping as JOSDK
 * clones it before each reconciliation. In cluster that is the operator's Service with the password
 * of the generated Secret; external, the user's endpoint with the password of the Secret its
 * secretRef names.
 */
@ExtendWith(SharedServers.class)
class ScalerRedisTargetIT {
  private static final String PREFIX = RedisBacklogSource.DEFAULT_KEY_PREFIX;

  @Test
  void anInClusterRedisIsItsServiceWithTheGeneratedPassword(KubeApiServer server)
      throws IOException {
    try (KubernetesClient client = server.newClient()) {
      String namespace = namespace(client);
      ImageSearchCluster cluster =
          asReconciled(client, example(client, "gpu-workers.yaml"), namespace);
      secret(client, namespace, CredentialsModel.name(cluster), "redis-password", "generated");

      assertThat(new ClusterRedisTargets(client).apply(cluster))
          .contains(new RedisTarget("gpu-redis." + namespace + ".svc", 6379, "generated"));
    }
  }

  @Test
  void anExternalRedisIsItsEndpointWithThePasswordOfItsSecretRef(KubeApiServer server)
      throws IOException {
    try (KubernetesClient client = server.newClient()) {
      String namespace = namespace(client);
      ImageSearchCluster cluster =
          asReconciled(client, example(client, "external-dependencies.yaml"), namespace);
      secret(client, namespace, "imagesearch-redis", "password", "the-users");

      assertThat(new ClusterRedisTargets(client).apply(cluster))
          .contains(new RedisTarget("redis.example.internal", 6379, "the-users"));
    }
  }

  @Test
  void anExternalRedisWithoutASecretRefHasNoPassword(KubeApiServer server) throws IOException {
    try (KubernetesClient client = server.newClient()) {
      String namespace = namespace(client);
      ImageSearchCluster cluster =
          asReconciled(client, withExternalRedis("open", "redis.example:6380", null), namespace);

      assertThat(new ClusterRedisTargets(client).apply(cluster))
          .contains(new RedisTarget("redis.example", 6380, null));
    }
  }

  @Test
  void theScalerSizesTheWorkersOnTheBacklogOfAPasswordProtectedExternalRedis(KubeApiServer server)
      throws IOException {
    // Its own Redis: the password set here must not reach the tests sharing the other one.
    try (RedisServer redis = RedisServer.start();
        KubernetesClient client = server.newClient()) {
      queueTasks(redis, 450, 50, "scaler-secret");
      String namespace = namespace(client);
      secret(client, namespace, "redis-auth", "password", "scaler-secret");
      ImageSearchCluster cluster =
          asReconciled(
              client,
              withExternalRedis("scaled", redis.host() + ":" + redis.port(), "redis-auth"),
              namespace);

      try (RedisBacklogSource backlog =
              new RedisBacklogSource(new ClusterRedisTargets(client), PREFIX);
          RedisBacklogSource withoutPassword =
              new RedisBacklogSource(
                  c -> Optional.of(new RedisTarget(redis.host(), redis.port(), null)), PREFIX)) {
        WorkerScaler.Result result = new WorkerScaler(backlog, Clock.systemUTC()).decide(cluster);

        // 500 tasks at 100 per worker, within [1, 8].
        assertThat(result.backlog()).isEqualTo(OptionalLong.of(500));
        assertThat(result.replicas()).isEqualTo(5);
        assertThat(withoutPassword.backlog(cluster)).isEmpty();
      }
    }
  }

  private static String namespace(KubernetesClient client) throws IOException {
    TestCluster.applyCrd(client);
    return TestCluster.newNamespace(client, "scaler");
  }

  private static ImageSearchCluster example(KubernetesClient client, String name)
      throws IOException {
    try (InputStream in =
        Files.newInputStream(RepositoryRoot.find().resolve("examples").resolve(name))) {
      return client.resources(ImageSearchCluster.class).load(in).item();
    }
  }

  /** Worker autoscaling on 100 tasks per worker, Redis external at endpoint. */
  private static ImageSearchCluster withExternalRedis(
      String name, String endpoint, String secretName) {
    ExternalSpec.SecretRef secretRef = null;
    if (secretName != null) {
      secretRef = new ExternalSpec.SecretRef();
      secretRef.name = secretName;
    }
    return new ImageSearchClusterBuilder()
        .withMetadata(new ObjectMetaBuilder().withName(name).build())
        .withNewSpec()
        .withVersion("1.0.0")
        .withNewRedis()
        .withNewExternal()
        .withEndpoint(endpoint)
        .withSecretRef(secretRef)
        .endExternal()
        .endRedis()
        .editWorker()
        .withNewAutoscaling()
        .withMin(1)
        .withMax(8)
        .withTargetBacklogPerWorker(100)
        .endAutoscaling()
        .endWorker()
        .endSpec()
        .build();
  }

  /** Created, read back from the server, and cloned as JOSDK hands it to the reconciler. */
  private static ImageSearchCluster asReconciled(
      KubernetesClient client, ImageSearchCluster cluster, String namespace) {
    client.resource(cluster).inNamespace(namespace).create();
    ImageSearchCluster stored =
        client
            .resources(ImageSearchCluster.class)
            .inNamespace(namespace)
            .withName(cluster.getMetadata().getName())
            .get();
    return client.getKubernetesSerialization().clone(stored);
  }

  private static void secret(
      KubernetesClient client, String namespace, String name, String key, String value) {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .addToStringData(key, value)
                .build())
        .create();
  }

  /** Tasks in the stream and delayed retries, laid out as the services queue them. */
  private static void queueTasks(RedisServer redis, int queued, int delayed, String password) {
    RedisClient client = RedisClient.create("redis://" + redis.host() + ":" + redis.port());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      for (int i = 0; i < queued; i++) {
        connection.sync().xadd(PREFIX + ":tasks", Map.of("task_id", "t" + i));
      }
      for (int i = 0; i < delayed; i++) {
        connection.sync().zadd(PREFIX + ":tasks:delayed", i, "retry-" + i);
      }
      connection.sync().configSet("requirepass", password);
    } finally {
      client.shutdown();
    }
  }
}
