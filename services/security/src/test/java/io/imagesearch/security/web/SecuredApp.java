package io.imagesearch.security.web;

import io.imagesearch.security.key.ApiKeyStore;
import io.imagesearch.security.key.InMemoryApiKeyStore;
import io.imagesearch.testsupport.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * A web app as the wiring will build it: the security configuration imported, a key store, the
 * settings, and routes like the real ones. Three failures per hour per address, so the limit is
 * reached within a test and never refills during one.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebMvc
@Import(ApiKeySecurityConfiguration.class)
class SecuredApp {

  static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

  static SecuritySettings settings(boolean publicReads) {
    return new SecuritySettings(
        true,
        publicReads,
        "X-Api-Key",
        List.of(),
        SecuritySettings.DEFAULT_CSP,
        new SecuritySettings.FailureLimit(3, Duration.ofHours(1), 1000));
  }

  @Bean
  SecuritySettings securitySettings() {
    return settings(false);
  }

  @Bean
  ApiKeyStore apiKeyStore() {
    return new InMemoryApiKeyStore();
  }

  @Bean
  SettableClock clock() {
    return new SettableClock(START);
  }

  @Bean
  RoutesLikeTheApps routes() {
    return new RoutesLikeTheApps();
  }
}
