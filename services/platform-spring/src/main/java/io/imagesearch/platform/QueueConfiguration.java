package io.imagesearch.platform;

import io.imagesearch.queue.redis.RedisQueueConfig;
import io.imagesearch.queue.redis.RedisStreamsTaskQueue;
import io.imagesearch.queue.redis.RedisTaskStatusStore;
import io.imagesearch.wiring.IngestSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The Redis Streams task queue and status store, on Spring Boot's Redis connection. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestSettings.class)
@Import(RedisClientConfiguration.class)
public class QueueConfiguration {

  @Bean
  RedisQueueConfig redisQueueConfig(PlatformProperties props, IngestSettings ingest) {
    PlatformProperties.Queue queue = props.queue();
    return new RedisQueueConfig(
        queue.keyPrefix(), queue.group(), queue.visibilityTimeout(ingest), queue.statusTtl());
  }

  @Bean
  RedisStreamsTaskQueue taskQueue(StringRedisTemplate redis, RedisQueueConfig config) {
    return new RedisStreamsTaskQueue(redis, config);
  }

  @Bean
  RedisTaskStatusStore taskStatusStore(StringRedisTemplate redis, RedisQueueConfig config) {
    return new RedisTaskStatusStore(redis, config);
  }
}
