package io.imagesearch.platform;

import io.imagesearch.application.StoredModelState;
import io.imagesearch.queue.redis.RedisModelStateStore;
import io.imagesearch.queue.redis.RedisQueueConfig;
import io.imagesearch.web.ModelController;
import io.imagesearch.wiring.IngestSettings;
import io.imagesearch.wiring.ModelChangeSettings;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The models API of the search API: the library's model state as the workers save it in Redis, and
 * the rollback as a write of it. The search API itself serves the one model it is configured with.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ModelChangeSettings.class, IngestSettings.class})
@Import(ModelController.class)
public class ModelStateApiConfiguration {

  @Bean
  StoredModelState storedModelState(
      StringRedisTemplate redis,
      PlatformProperties props,
      IngestSettings ingest,
      ModelChangeSettings settings,
      Clock clock) {
    PlatformProperties.Queue queue = props.queue();
    RedisQueueConfig keys =
        new RedisQueueConfig(
            queue.keyPrefix(), queue.group(), queue.visibilityTimeout(ingest), queue.statusTtl());
    return new StoredModelState(
        new RedisModelStateStore(redis, keys), clock, settings.previousRetention());
  }
}
