package io.imagesearch.queue.redis;

import io.imagesearch.contract.queue.TaskStatusStoreContract;
import io.imagesearch.core.port.TaskStatusStore;
import io.imagesearch.testsupport.SharedRedisTemplate;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.redis.core.StringRedisTemplate;

@ExtendWith(SharedRedisTemplate.class)
class RedisTaskStatusStoreContractIT extends TaskStatusStoreContract {

  private static StringRedisTemplate redis;

  @BeforeAll
  static void connect(StringRedisTemplate shared) {
    redis = shared;
  }

  @Override
  protected TaskStatusStore createStore() {
    return new RedisTaskStatusStore(redis, RedisTestSupport.freshConfig(Duration.ofMinutes(1)));
  }
}
