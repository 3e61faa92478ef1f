package io.imagesearch.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.contract.ModelStateStoreContract;
import io.imagesearch.core.model.ModelState;
import io.imagesearch.core.model.ModelStateProperties;
import io.imagesearch.core.port.ModelStateStore;
import io.imagesearch.testsupport.SharedRedisTemplate;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.redis.core.StringRedisTemplate;

@ExtendWith(SharedRedisTemplate.class)
class RedisModelStateStoreContractIT extends ModelStateStoreContract {

  private static StringRedisTemplate redis;
  private RedisQueueConfig config;

  @BeforeAll
  static void connect(StringRedisTemplate shared) {
    redis = shared;
  }

  @Override
  protected ModelStateStore newStore() {
    config = RedisTestSupport.freshConfig(Duration.ofMinutes(1));
    return new RedisModelStateStore(redis, config);
  }

  @Override
  protected ModelStateStore reopen(ModelStateStore current) {
    return new RedisModelStateStore(new StringRedisTemplate(redis.getConnectionFactory()), config);
  }

  /** The operator reads the hash with HGETALL and parses it: the fields are exactly these keys. */
  @Test
  void theHashHoldsExactlyTheFlatKeysOfTheState() {
    ModelState first = ModelState.first(MODEL_A);
    store.write(first);

    Properties fields = new Properties();
    redis
        .opsForHash()
        .entries(config.keys().modelState())
        .forEach((k, v) -> fields.setProperty((String) k, (String) v));

    assertThat(fields).isEqualTo(ModelStateProperties.of(first));
    assertThat(config.keys().modelState()).endsWith(":model-state");
  }
}
