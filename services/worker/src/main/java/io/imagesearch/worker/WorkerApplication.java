package io.imagesearch.worker;

import io.imagesearch.platform.ModelChangeConfiguration;
import io.imagesearch.platform.ObjectStoreConfiguration;
import io.imagesearch.platform.PlatformProperties;
import io.imagesearch.platform.QueueConfiguration;
import io.imagesearch.platform.QueueMetrics;
import io.imagesearch.web.HttpErrorsConfiguration;
import io.imagesearch.wiring.ConsumerPrefix;
import io.imagesearch.wiring.UseCaseConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Takes ingest tasks from Redis Streams in batches: decodes, thumbnails, embeds with the CLIP
 * model, upserts into Milvus, then acknowledges.
 */
@SpringBootApplication
@EnableConfigurationProperties(PlatformProperties.class)
@Import({
  ObjectStoreConfiguration.class,
  QueueConfiguration.class,
  UseCaseConfiguration.Common.class,
  // The configured model is the target: a migration to it runs while the active model serves.
  ModelChangeConfiguration.class,
  UseCaseConfiguration.Worker.class,
  QueueMetrics.class,
  HttpErrorsConfiguration.class
})
public class WorkerApplication {

  /** The name of this service's YAML in conf/ (and on the class path). */
  public static final String CONFIG_NAME = "worker";

  public static void main(String[] args) {
    builder().run(args);
  }

  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(WorkerApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME);
  }

  /** Consumers named per pod and process, so a restarted worker never takes a dead one's name. */
  @Bean
  ConsumerPrefix consumerPrefix() {
    String host = System.getenv().getOrDefault("HOSTNAME", "worker");
    return new ConsumerPrefix(host + "-" + ProcessHandle.current().pid());
  }
}
