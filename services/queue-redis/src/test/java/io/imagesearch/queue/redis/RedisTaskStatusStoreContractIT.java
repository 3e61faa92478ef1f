package io.imagesearch.queue.redis;

import io.imagesearch.contract.queue.TaskStatusStoreContract;
import io.imagesearch.core.port.TaskStatusStore;
import io.imagesearch.testsupport.RedisServer;
import io.imagesearch.testsupport.SharedServers;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

@ExtendWith(SharedServers.class)
class RedisTaskStatusStoreContractIT extends TaskStatusStoreContract {

  private static LettuceConnectionFactory connections;
  private static StringRedisTemplate redis;

  @BeforeAll
  static void connect(RedisServer server) {
    connections = RedisConnections.standalone(server.host(), server.port());
    redis = new StringRedisTemplate(connections);
  }

  @AfterAll
  static void disconnect() {
    connections.destroy();
  }

  @Override
  protected TaskStatusStore createStore() {
    return new RedisTaskStatusStore(redis, RedisTestSupport.freshConfig(Duration.ofMinutes(1)));
  }
}
