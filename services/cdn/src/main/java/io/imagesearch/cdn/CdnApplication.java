package io.imagesearch.cdn;

import io.imagesearch.delivery.DeliveryConfiguration;
import io.imagesearch.platform.DistributedSecurityConfiguration;
import io.imagesearch.platform.PlatformProperties;
import io.imagesearch.web.HttpErrorsConfiguration;
import io.imagesearch.web.ImageDeliveryController;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Serves /images/{id} and /thumbnails/{id} from MinIO through a bounded in-memory cache, with
 * immutable caching headers: on the main port through Spring MVC, and on the delivery port ({@code
 * imagesearch.delivery.port}) through a plain Netty pipeline built for throughput.
 */
// Redis holds the API keys only: no Spring Data repositories.
@SpringBootApplication(exclude = DataRedisRepositoriesAutoConfiguration.class)
@EnableConfigurationProperties(PlatformProperties.class)
@Import({
  CdnConfiguration.class,
  DeliveryConfiguration.class,
  DistributedSecurityConfiguration.class,
  ImageDeliveryController.class,
  HttpErrorsConfiguration.class
})
public class CdnApplication {

  /** The name of this service's YAML in conf/ (and on the class path). */
  public static final String CONFIG_NAME = "cdn";

  public static void main(String[] args) {
    builder().run(args);
  }

  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(CdnApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME);
  }
}
