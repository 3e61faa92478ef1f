package io.imagesearch.security.web;

import io.imagesearch.security.key.ApiKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key management routes ({@code /api/v1/keys}), for an app that also imports {@link
 * ApiKeyAuthenticationConfiguration}, which guards them with the {@code admin} scope.
 */
@Configuration(proxyBeanMethods = false)
public class ApiKeyManagementConfiguration {

  @Bean
  ApiKeyController apiKeyController(ApiKeys keys) {
    return new ApiKeyController(keys);
  }

  @Bean
  KeyProblemHandler keyProblemHandler() {
    return new KeyProblemHandler();
  }
}
