package io.imagesearch.embedded;

import io.imagesearch.security.store.SqliteApiKeyStore;
import io.imagesearch.security.web.ApiKeySecurityConfiguration;
import io.imagesearch.security.web.SecuritySettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * API keys in embedded mode: the security module's filter chain ({@code imagesearch.security.*})
 * over a SQLite key store in the data folder, which the {@code keys} command opens too.
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiKeySecurityConfiguration.class)
@EnableConfigurationProperties(SecuritySettings.class)
class EmbeddedSecurity {

  @Bean(destroyMethod = "close")
  SqliteApiKeyStore apiKeyStore(EmbeddedProperties props) {
    return SqliteApiKeyStore.open(props.apiKeyDatabase());
  }
}
