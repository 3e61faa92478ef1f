package io.imagesearch.queue.redis;

import static io.imagesearch.contract.queue.SampleTasks.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.core.task.TaskStatus;
import io.imagesearch.testsupport.RedisServer;
import io.imagesearch.testsupport.SharedServers;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The status store's TTL and the lazy pruning of expired ids from the recency index. */
@ExtendWith(SharedServers.class)
class RedisTaskStatusStoreIT {

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  private LettuceConnectionFactory connections;
  private StringRedisTemplate redis;
  private RedisQueueConfig config;
  private RedisTaskStatusStore store;

  @BeforeEach
  void connect(RedisServer server) {
    connections = RedisConnections.standalone(server.host(), server.port());
    redis = new StringRedisTemplate(connections);
    config = RedisTestSupport.freshConfig(Duration.ofMinutes(1)).withStatusTtl(Duration.ofHours(2));
    store = new RedisTaskStatusStore(redis, config);
  }

  @AfterEach
  void disconnect() {
    connections.destroy();
  }

  @Test
  void eachStatusExpiresAfterTheConfiguredTtl() {
    TaskStatus status = status(1, T0);

    store.put(status);

    Long ttl = redis.getExpire(config.keys().status(status.taskId()), TimeUnit.SECONDS);
    assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofHours(2).toSeconds());
  }

  @Test
  void expiredStatusesLeaveTheRecentListAndTheIndex() {
    TaskStatus kept = status(1, T0);
    TaskStatus expired = status(2, T0.plusSeconds(1));
    store.put(kept);
    store.put(expired);

    redis.delete(config.keys().status(expired.taskId())); // What the TTL does eventually.

    assertThat(store.recent(10)).containsExactly(kept);
    assertThat(redis.opsForZSet().score(config.keys().recentStatuses(), expired.taskId().value()))
        .isNull();
  }

  @Test
  void statusesWithinOneMillisecondAreOrderedToTheNanosecond() {
    TaskStatus first = status(1, T0.plusNanos(1));
    TaskStatus second = status(2, T0.plusNanos(2));
    TaskStatus third = status(3, T0.plusNanos(3));
    store.put(third);
    store.put(first);
    store.put(second);

    assertThat(store.recent(1)).containsExactly(third);
    assertThat(store.recent(2)).containsExactly(third, second);
  }
}
