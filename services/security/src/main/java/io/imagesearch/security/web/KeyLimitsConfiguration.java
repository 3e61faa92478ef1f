package io.imagesearch.security.web;

import io.imagesearch.application.UploadQuotas;
import io.imagesearch.security.key.ApiKeyStore;
import io.imagesearch.security.key.KeyQuotas;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What keys limit beyond the filter chain: their upload quotas, offered to the upload and delete
 * routes, and the per-file count of an upload's rate, taken once Spring MVC has read its parts.
 */
@Configuration(proxyBeanMethods = false)
class KeyLimitsConfiguration {

  @Bean
  UploadQuotas apiKeyUploadQuotas(ApiKeyStore store) {
    return new ApiKeyUploadQuotas(new KeyQuotas(store));
  }

  @Bean
  WebMvcConfigurer uploadFilesRateLimit() {
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new UploadFilesRateLimit());
      }
    };
  }
}
