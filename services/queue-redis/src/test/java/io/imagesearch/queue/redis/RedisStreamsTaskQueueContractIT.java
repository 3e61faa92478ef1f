package io.imagesearch.queue.redis;

import io.imagesearch.contract.queue.ObservedDeadLetter;
import io.imagesearch.contract.queue.TaskQueueContract;
import io.imagesearch.core.port.TaskQueue;
import io.imagesearch.testsupport.RedisServer;
import io.imagesearch.testsupport.SharedServers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

@ExtendWith(SharedServers.class)
class RedisStreamsTaskQueueContractIT extends TaskQueueContract {

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
  protected TaskQueue createQueue(Duration visibilityTimeout) {
    return new RedisStreamsTaskQueue(redis, RedisTestSupport.freshConfig(visibilityTimeout));
  }

  @Override
  protected List<ObservedDeadLetter> deadLetters(TaskQueue queue) {
    return ((RedisStreamsTaskQueue) queue)
        .deadLetters(1000).stream()
            .map(letter -> new ObservedDeadLetter(letter.task(), letter.reason()))
            .toList();
  }
}
