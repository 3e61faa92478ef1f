package io.imagesearch.platform;

import io.imagesearch.storage.minio.MinioConfig;
import io.imagesearch.storage.minio.MinioObjectStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** MinIO behind the object store port, and its health. */
@Configuration(proxyBeanMethods = false)
public class ObjectStoreConfiguration {

  /** Lazily connected: a service starts while MinIO is down and reports it as not ready. */
  @Bean
  MinioObjectStore objectStore(PlatformProperties props) {
    PlatformProperties.Minio minio = props.minio();
    return MinioObjectStore.openLazily(
        new MinioConfig(minio.endpoint(), minio.accessKey(), minio.secretKey(), minio.bucket()));
  }

  /** Up when the bucket exists (it is created if missing); a failure says what to check. */
  @Bean
  HealthIndicator minioHealthIndicator(MinioObjectStore minio) {
    return () -> {
      try {
        minio.ensureReady();
        return Health.up().build();
      } catch (RuntimeException e) {
        return Health.down().withDetail("error", String.valueOf(e.getMessage())).build();
      }
    };
  }
}
