package io.imagesearch.platform;

import io.imagesearch.application.ModelMigration;
import io.imagesearch.application.ModelSlot;
import io.imagesearch.core.port.ModelLoader;
import io.imagesearch.core.port.ModelStateStore;
import io.imagesearch.embedder.EmbedderOptions;
import io.imagesearch.embedder.ModelResolver;
import io.imagesearch.queue.redis.RedisMigrationLease;
import io.imagesearch.queue.redis.RedisModelStateStore;
import io.imagesearch.queue.redis.RedisQueueConfig;
import io.imagesearch.wiring.CloseContextOnSignal;
import io.imagesearch.wiring.ConfiguredModel;
import io.imagesearch.wiring.ConsumerPrefix;
import io.imagesearch.wiring.GoldenQueriesFile;
import io.imagesearch.wiring.IngestSettings;
import io.imagesearch.wiring.ModelChangeSettings;
import io.imagesearch.wiring.UseCaseConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The workers' models when the model can change: the library's state in Redis, models loaded with
 * their Milvus collection, the configured model as the target, one walker at a time by a Redis
 * lease, and every worker following the state the others write.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestSettings.class)
@Import(UseCaseConfiguration.ModelChange.class)
public class ModelChangeConfiguration {

  /** Where the operator may mount the golden queries; absent, the gate checks self-consistency. */
  static final Path DEFAULT_GOLDEN_QUERIES = Path.of("/etc/imagesearch/golden-queries.json");

  /** Renewed every third of it; a killed walker's lease lapses within it. */
  static final Duration LEASE_TTL = Duration.ofSeconds(15);

  static final Duration FOLLOW_EVERY = Duration.ofSeconds(2);

  @Bean
  ConfiguredModel configuredModel(PlatformProperties props) {
    return new ConfiguredModel(
        MilvusModelLoader.absolute(props.model().location()), props.model().format());
  }

  @Bean
  ModelLoader modelLoader(PlatformProperties props, IngestSettings ingest, MeterRegistry meters) {
    PlatformProperties.Model model = props.model();
    return new MilvusModelLoader(
        new ModelResolver(model.cacheDir(), URI.create(model.huggingFaceEndpoint())),
        new EmbedderOptions(ingest.batchSize(), ingest.workers(), model.threads()),
        EmbeddingConfiguration.milvusConfig(props),
        EmbeddingConfiguration.milvusIndexParams(props),
        meters);
  }

  @Bean
  ModelStateStore modelStateStore(StringRedisTemplate redis, RedisQueueConfig config) {
    return new RedisModelStateStore(redis, config);
  }

  @Bean
  ModelMigration.Sharing sharedLibrary(
      StringRedisTemplate redis, RedisQueueConfig config, ConsumerPrefix consumers) {
    return ModelMigration.Sharing.among(
        new RedisMigrationLease(redis, config, consumers.value(), LEASE_TTL), FOLLOW_EVERY);
  }

  @Bean
  GoldenQueriesFile goldenQueries(ModelChangeSettings settings) {
    return new GoldenQueriesFile(
        settings.gate().goldenQueries() != null
            ? settings.gate().goldenQueries()
            : DEFAULT_GOLDEN_QUERIES);
  }

  /** The models in this JVM must close before ONNX Runtime's shutdown hook frees its runtime. */
  @Bean
  CloseContextOnSignal closeContextOnSignal(ConfigurableApplicationContext context) {
    return new CloseContextOnSignal(context);
  }

  @Bean
  HealthIndicator milvusHealthIndicator(ModelSlot models, MeterRegistry meters) {
    meters.gauge("imagesearch.index.size", models, m -> m.serving().index().count());
    return () -> {
      try {
        return Health.up().withDetail("entries", models.serving().index().count()).build();
      } catch (RuntimeException e) {
        return Health.down().withDetail("error", String.valueOf(e.getMessage())).build();
      }
    };
  }
}
