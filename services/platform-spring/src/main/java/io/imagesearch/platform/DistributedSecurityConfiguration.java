package io.imagesearch.platform;

import io.imagesearch.security.key.ApiKeyStore;
import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.store.RedisApiKeyStore;
import io.imagesearch.security.web.ApiKeyAuthenticationConfiguration;
import io.imagesearch.security.web.RateLimitSettings;
import io.imagesearch.security.web.SecuritySettings;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * API keys for the HTTP services ({@code imagesearch.security.*}): the security module's filter
 * chain over one key store in Redis, under the install's key prefix, shared by every service and
 * replica, so a key created or revoked through one holds on all, and a key's upload quota counts
 * alike on all. Rate limits ({@code imagesearch.security.rate-limit.*}) count per replica. The
 * service that manages keys adds {@link io.imagesearch.security.web.ApiKeyManagementConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@Import({RedisClientConfiguration.class, ApiKeyAuthenticationConfiguration.class})
@EnableConfigurationProperties({
  SecuritySettings.class,
  RateLimitSettings.class,
  AdminKeySetting.class
})
public class DistributedSecurityConfiguration {

  private static final Duration ADOPTION_RETRY = Duration.ofSeconds(5);

  @Bean
  ApiKeyStore apiKeyStore(StringRedisTemplate redis, PlatformProperties props) {
    return new RedisApiKeyStore(redis, props.queue().keyPrefix());
  }

  @Bean
  AdminKeyAdoption adminKeyAdoption(
      SecuritySettings security, AdminKeySetting adminKey, ApiKeys keys) {
    return new AdminKeyAdoption(security, adminKey, keys, ADOPTION_RETRY);
  }
}
