package io.imagesearch.embedded;

import io.imagesearch.security.store.SqliteApiKeyStore;
import io.imagesearch.security.web.ApiKeySecurityConfiguration;
import io.imagesearch.security.web.RateLimitSettings;
import io.imagesearch.security.web.SecuritySettings;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * API keys in embedded mode: the security module's filter chain ({@code imagesearch.security.*},
 * rate limits included) over a SQLite key store in the data folder, which the {@code keys} command
 * opens too and which counts the keys' upload quotas.
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiKeySecurityConfiguration.class)
@EnableConfigurationProperties({SecuritySettings.class, RateLimitSettings.class})
class EmbeddedSecurity {

  static final String API_KEY_SCHEME = "apiKey";

  @Bean(destroyMethod = "close")
  SqliteApiKeyStore apiKeyStore(EmbeddedProperties props) {
    return SqliteApiKeyStore.open(props.apiKeyDatabase());
  }

  /** The API description says how to send a key, so Swagger UI's "Authorize" sends it too. */
  @Bean
  @ConditionalOnBooleanProperty(name = "imagesearch.security.enabled", matchIfMissing = true)
  OpenAPI apiKeyDescription() {
    return new OpenAPI()
        .components(
            new Components()
                .addSecuritySchemes(
                    API_KEY_SCHEME,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("isk_<id>_<secret>")
                        .description(
                            "An API key with the scope the route needs (docs/SECURITY.md); the"
                                + " first admin key is in DATA_DIR/admin-key")))
        .addSecurityItem(new SecurityRequirement().addList(API_KEY_SCHEME));
  }
}
