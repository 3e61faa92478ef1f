package io.imagesearch.security.web;

import io.imagesearch.security.key.ApiKeyStore;
import io.imagesearch.security.key.ApiKeys;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The filter chain that asks every request for a key, without the key management routes: for an app
 * that imports it and provides an {@link ApiKeyStore} and {@link SecuritySettings} bean (and a
 * {@link Clock}, or the system clock is used; and {@link RateLimitSettings}, or the defaults are
 * used). {@link ApiKeyManagementConfiguration} adds the routes. Access tokens of an OIDC issuer are
 * accepted too once {@code imagesearch.security.oidc.issuer-uri} is set ({@link OidcSettings},
 * bound here so every app that imports this reads the same settings).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(OidcSettings.class)
@Import(KeyLimitsConfiguration.class)
public class ApiKeyAuthenticationConfiguration {

  @Bean
  ApiKeys apiKeys(ApiKeyStore store, ObjectProvider<Clock> clock) {
    return new ApiKeys(store, clock.getIfAvailable(Clock::systemUTC));
  }

  @Bean
  ManagementPortRequests managementPortRequests() {
    return new ManagementPortRequests();
  }

  /** None while authentication is off: every route is open then, and no issuer is contacted. */
  @Bean
  AccessTokens accessTokens(
      SecuritySettings settings, OidcSettings oidc, ObjectProvider<Clock> clock) {
    return new AccessTokens(
        settings.enabled() ? oidc : OidcSettings.off(), clock.getIfAvailable(Clock::systemUTC));
  }

  @Bean
  SecurityFilterChain apiKeyFilterChain(
      HttpSecurity http,
      SecuritySettings settings,
      ApiKeys keys,
      ManagementPortRequests managementPort,
      AccessTokens tokens,
      ObjectProvider<RateLimitSettings> rateLimits)
      throws Exception {
    return ApiKeySecurity.filterChain(
        http,
        settings,
        keys,
        managementPort,
        tokens,
        rateLimits.getIfAvailable(RateLimitSettings::defaults));
  }

  /** Picked up by Spring Security's filter chain proxy for requests its firewall refuses. */
  @Bean
  RequestRejectedHandler rejectedRequestProblems() {
    return new RejectedRequestProblems();
  }
}
