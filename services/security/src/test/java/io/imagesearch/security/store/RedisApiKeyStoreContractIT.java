package io.imagesearch.security.store;

import io.imagesearch.queue.redis.RedisConnections;
import io.imagesearch.security.key.ApiKeyStore;
import io.imagesearch.security.key.ApiKeyStoreContract;
import io.imagesearch.testsupport.RedisServer;
import io.imagesearch.testsupport.SharedServers;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The contract against a real redis-server; each test gets a key prefix of its own. */
@ExtendWith(SharedServers.class)
class RedisApiKeyStoreContractIT extends ApiKeyStoreContract {

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
  protected ApiKeyStore createStore() {
    return new RedisApiKeyStore(redis, "it-" + UUID.randomUUID());
  }
}
