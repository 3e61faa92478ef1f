package io.imagesearch.searchapi;

import io.imagesearch.platform.DistributedSecurityConfiguration;
import io.imagesearch.platform.EmbeddingConfiguration;
import io.imagesearch.platform.ModelStateApiConfiguration;
import io.imagesearch.platform.ObjectStoreConfiguration;
import io.imagesearch.platform.PlatformProperties;
import io.imagesearch.security.web.ApiKeyManagementConfiguration;
import io.imagesearch.web.DeliveryLinkController;
import io.imagesearch.web.HttpErrorsConfiguration;
import io.imagesearch.web.ImageDeliveryController;
import io.imagesearch.web.SearchApiController;
import io.imagesearch.wiring.UseCaseConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Search by text or image over Milvus, the original search route, the web UI, and API key
 * management.
 */
// Redis holds the API keys only: no Spring Data repositories.
@SpringBootApplication(exclude = DataRedisRepositoriesAutoConfiguration.class)
@EnableConfigurationProperties(PlatformProperties.class)
@Import({
  ObjectStoreConfiguration.class,
  EmbeddingConfiguration.class,
  DistributedSecurityConfiguration.class,
  // The Ingress sends /api/v1/keys here, with the web UI and every other /api route.
  ApiKeyManagementConfiguration.class,
  UseCaseConfiguration.Common.class,
  UseCaseConfiguration.OneModel.class,
  UseCaseConfiguration.Search.class,
  SearchApiController.class,
  // GET /api/v1/models/migration and POST /api/v1/models/rollback, on the state in Redis.
  ModelStateApiConfiguration.class,
  ImageDeliveryController.class,
  // The web UI asks where image bytes come from: here, the Ingress's image paths.
  DeliveryLinkController.class,
  HttpErrorsConfiguration.class
})
public class SearchApiApplication {

  /** The name of this service's YAML in conf/ (and on the class path). */
  public static final String CONFIG_NAME = "search-api";

  public static void main(String[] args) {
    builder().run(args);
  }

  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(SearchApiApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME);
  }
}
