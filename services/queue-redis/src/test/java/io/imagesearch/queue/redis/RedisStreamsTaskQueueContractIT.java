package io.imagesearch.queue.redis;

import io.imagesearch.contract.queue.ObservedDeadLetter;
import io.imagesearch.contract.queue.TaskQueueContract;
import io.imagesearch.core.port.TaskQueue;
import io.imagesearch.testsupport.SharedRedisTemplate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.redis.core.StringRedisTemplate;

@ExtendWith(SharedRedisTemplate.class)
class RedisStreamsTaskQueueContractIT extends TaskQueueContract {

  private static StringRedisTemplate redis;

  @BeforeAll
  static void connect(StringRedisTemplate shared) {
    redis = shared;
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
