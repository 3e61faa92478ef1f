package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.imagesearch.operator.api.ImageSearchCluster;
import java.util.List;

/**
 * Which cdn port the Ingress sends /images and /thumbnails to, and how the cdn's memory limit is
 * shared between its heap, its direct memory and its two caches.
 *
 * <p>The delivery port serves them unless OIDC is configured: it accepts API keys only, so a
 * browser holding an OIDC token would get 401 there; the HTTP port accepts both.
 *
 * <p>The cache of the port the Ingress uses gets a fifth of the limit, the other port's a twentieth
 * (in-cluster clients may still call it). The delivery cache is direct memory, the HTTP port's
 * {@code CachingObjectStore} is heap: heap and direct memory together take 60% of the limit and the
 * bigger cache sits in the bigger of the two, leaving 40% (256Mi of the default 640Mi) for
 * metaspace, code cache and thread stacks.
 */
public final class CdnDelivery {
  static final String DELIVERY_PORT_ENV = "IMAGESEARCH_DELIVERY_PORT";
  static final String DELIVERY_CACHE_ENV = "IMAGESEARCH_DELIVERY_CACHE_BYTES";
  static final String HTTP_CACHE_ENV = "IMAGESEARCH_CDN_CACHE_BYTES";

  /** The default memory request and limit of the cdn container. */
  static final String DEFAULT_MEMORY = "640Mi";

  private CdnDelivery() {}

  /** Whether the Ingress sends image bytes to the delivery port (else to the HTTP port). */
  public static boolean servesIngress(ImageSearchCluster cluster) {
    var security = cluster.getSpec().security;
    return security == null || security.oidc == null;
  }

  /** The cdn Service port the Ingress names for /images and /thumbnails. */
  public static String ingressPortName(ImageSearchCluster cluster) {
    return servesIngress(cluster) ? Component.DELIVERY_PORT_NAME : Component.HTTP_PORT_NAME;
  }

  /** The shares of a memory limit, in percent, and the byte sizes derived from it. */
  record Budget(
      long limitBytes,
      int heapPercent,
      int directPercent,
      int deliveryCachePercent,
      int httpCachePercent) {

    long directBytes() {
      return share(directPercent);
    }

    long deliveryCacheBytes() {
      return share(deliveryCachePercent);
    }

    long httpCacheBytes() {
      return share(httpCachePercent);
    }

    private long share(int percent) {
      return limitBytes / 100 * percent;
    }
  }

  /**
   * @param memoryLimit the cdn container's memory limit; null (none set) sizes as for the default
   */
  static Budget budget(ImageSearchCluster cluster, Quantity memoryLimit) {
    long limit =
        Quantity.getAmountInBytes(memoryLimit == null ? new Quantity(DEFAULT_MEMORY) : memoryLimit)
            .longValue();
    // The direct share holds the delivery cache plus Netty's pooled I/O buffers (a 4MiB chunk per
    // arena, and the chunks of objects streamed past the cache).
    return servesIngress(cluster)
        ? new Budget(limit, 30, 30, 20, 5)
        : new Budget(limit, 45, 15, 5, 20);
  }

  /** The JVM options that fix the heap and direct memory shares. */
  static String jvmOptions(Budget budget) {
    return "-XX:MaxRAMPercentage="
        + budget.heapPercent()
        + " -XX:MaxDirectMemorySize="
        + budget.directBytes();
  }

  /** The delivery port and both caches' sizes, as the cdn binds them. */
  static List<EnvVar> env(Budget budget) {
    return List.of(
        new EnvVar(DELIVERY_PORT_ENV, String.valueOf(Component.DELIVERY_PORT), null),
        new EnvVar(DELIVERY_CACHE_ENV, String.valueOf(budget.deliveryCacheBytes()), null),
        new EnvVar(HTTP_CACHE_ENV, String.valueOf(budget.httpCacheBytes()), null));
  }
}
