package io.imagesearch.platform;

import io.imagesearch.queue.redis.RedisConnections;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How every service talks to Redis, whether for the task queue or the API keys. */
@Configuration(proxyBeanMethods = false)
public class RedisClientConfiguration {

  /**
   * Commands fail at once while Redis is down, so uploads and key checks answer 503 instead of
   * hanging.
   */
  @Bean
  LettuceClientConfigurationBuilderCustomizer failFastRedis() {
    return builder -> builder.clientOptions(RedisConnections.failFast());
  }
}
