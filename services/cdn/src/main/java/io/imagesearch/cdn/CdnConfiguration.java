package io.imagesearch.cdn;

import io.imagesearch.core.port.ObjectStore;
import io.imagesearch.delivery.DeliveryStore;
import io.imagesearch.platform.CachingObjectStore;
import io.imagesearch.platform.ObjectStoreConfiguration;
import io.imagesearch.platform.PlatformProperties;
import io.imagesearch.storage.minio.MinioObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/** MinIO behind a bounded in-memory cache: the object store the CDN serves from. */
@Configuration(proxyBeanMethods = false)
@Import(ObjectStoreConfiguration.class)
class CdnConfiguration {

  @Bean
  @Primary
  ObjectStore cachedObjectStore(
      MinioObjectStore minio, PlatformProperties props, MeterRegistry meters) {
    return new CachingObjectStore(
        minio, props.cdn().cacheBytes(), props.cdn().maxCachedObjectBytes(), meters);
  }

  /** The delivery port keeps its own cache, so it reads MinIO itself rather than this one. */
  @Bean
  DeliveryStore deliveryStore(MinioObjectStore minio) {
    return new DeliveryStore(minio);
  }
}
