package io.imagesearch.security.store;

import io.imagesearch.security.key.ApiKeyStore;
import io.imagesearch.security.key.ApiKeyStoreContract;
import io.imagesearch.testsupport.SharedRedisTemplate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The contract against a real redis-server; each test gets a key prefix of its own. */
@ExtendWith(SharedRedisTemplate.class)
class RedisApiKeyStoreContractIT extends ApiKeyStoreContract {

  private static StringRedisTemplate redis;

  @BeforeAll
  static void connect(StringRedisTemplate shared) {
    redis = shared;
  }

  @Override
  protected ApiKeyStore createStore() {
    return new RedisApiKeyStore(redis, "it-" + UUID.randomUUID());
  }
}
