package io.imagesearch.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.testsupport.FreePort;
import io.imagesearch.testsupport.RedisServer;
import io.imagesearch.testsupport.SharedServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The backlog the scaler sees, read from a real Redis laid out as the services lay it out. */
@ExtendWith(SharedServers.class)
class RedisBacklogSourceIT {

  private static ImageSearchCluster cluster() {
    ImageSearchCluster cluster = new ImageSearchCluster();
    cluster.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName("demo")
            .withNamespace("default")
            .build());
    return cluster;
  }

  @Test
  void backlogIsTheStreamLengthPlusTheDelayedRetries(RedisServer redis) {
    String prefix = "backlog-it";
    RedisClient client = RedisClient.create("redis://" + redis.host() + ":" + redis.port());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      for (int i = 0; i < 7; i++) {
        connection.sync().xadd(prefix + ":tasks", Map.of("task_id", "t" + i));
      }
      connection.sync().zadd(prefix + ":tasks:delayed", 1.0, "retry-1");
      connection.sync().zadd(prefix + ":tasks:delayed", 2.0, "retry-2");
    } finally {
      client.shutdown();
    }
    try (RedisBacklogSource source =
        new RedisBacklogSource(
            c -> Optional.of(new RedisTarget(redis.host(), redis.port(), null)), prefix)) {

      assertThat(source.backlog(cluster())).hasValue(9);
    }
  }

  @Test
  void anUnreachableRedisGivesNoBacklogRatherThanAGuess() {
    int closedPort = FreePort.find();
    try (RedisBacklogSource source =
        new RedisBacklogSource(
            c -> Optional.of(new RedisTarget("127.0.0.1", closedPort, "secret")), "imagesearch")) {

      assertThat(source.backlog(cluster())).isEmpty();
    }
  }
}
