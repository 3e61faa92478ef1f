package io.imagesearch.security.web;

import io.imagesearch.security.key.ApiKeyStore;
import io.imagesearch.security.key.ApiKeys;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
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
 * used). {@link ApiKeyManagementConfiguration} adds the routes.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
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

  @Bean
  SecurityFilterChain apiKeyFilterChain(
      HttpSecurity http,
      SecuritySettings settings,
      ApiKeys keys,
      ManagementPortRequests managementPort,
      ObjectProvider<RateLimitSettings> rateLimits)
      throws Exception {
    return ApiKeySecurity.filterChain(
        http,
        settings,
        keys,
        managementPort,
        rateLimits.getIfAvailable(RateLimitSettings::defaults));
  }

  /** Picked up by Spring Security's filter chain proxy for requests its firewall refuses. */
  @Bean
  RequestRejectedHandler rejectedRequestProblems() {
    return new RejectedRequestProblems();
  }
}
