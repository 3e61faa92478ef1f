package io.imagesearch.ingestapi;

import io.imagesearch.platform.DistributedSecurityConfiguration;
import io.imagesearch.platform.ObjectStoreConfiguration;
import io.imagesearch.platform.PlatformProperties;
import io.imagesearch.platform.QueueConfiguration;
import io.imagesearch.platform.QueueMetrics;
import io.imagesearch.web.HttpErrorsConfiguration;
import io.imagesearch.web.IngestApiController;
import io.imagesearch.wiring.UseCaseConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Accepts uploads: stores the bytes in MinIO, queues a task in Redis, answers 202 only when both
 * are durable.
 */
@SpringBootApplication
@EnableConfigurationProperties(PlatformProperties.class)
@Import({
  ObjectStoreConfiguration.class,
  QueueConfiguration.class,
  DistributedSecurityConfiguration.class,
  UseCaseConfiguration.Common.class,
  UseCaseConfiguration.Uploads.class,
  QueueMetrics.class,
  IngestApiController.class,
  HttpErrorsConfiguration.class
})
public class IngestApiApplication {

  /** The name of this service's YAML in conf/ (and on the class path). */
  public static final String CONFIG_NAME = "ingest-api";

  public static void main(String[] args) {
    builder().run(args);
  }

  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(IngestApiApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME);
  }
}
