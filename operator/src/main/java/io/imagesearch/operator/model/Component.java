package io.imagesearch.operator.model;

import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterSpec;
import io.imagesearch.operator.api.Images;
import io.imagesearch.operator.api.ServiceSpec;
import java.util.function.Function;

/** The four stateless services of the distributed mode; each is a Deployment plus a Service. */
public enum Component {
  INGEST_API("ingest-api", "ingestApi", s -> s.ingestApi, i -> i.ingestApi),
  WORKER("worker", "worker", s -> s.worker, i -> i.worker),
  SEARCH_API("search-api", "searchApi", s -> s.searchApi, i -> i.searchApi),
  CDN("cdn", "cdn", s -> s.cdn, i -> i.cdn);

  public static final int HTTP_PORT = 8080;

  public static final String HTTP_PORT_NAME = "http";

  /**
   * The cdn's image delivery port (services/delivery, {@code imagesearch.delivery.port}): GET/HEAD
   * /images/{id} and /thumbnails/{id} with the HTTP port's answers, API keys only.
   */
  public static final int DELIVERY_PORT = 8085;

  public static final String DELIVERY_PORT_NAME = "delivery";

  /**
   * Spring Boot's management server: health for the probes and /actuator/prometheus, on a port of
   * its own so that a NetworkPolicy can open it to Prometheus alone and no Ingress path reaches it.
   */
  public static final int MANAGEMENT_PORT = 9090;

  public static final String MANAGEMENT_PORT_NAME = "management";

  private final String id;
  private final String statusKey;
  private final Function<ImageSearchClusterSpec, ServiceSpec> spec;
  private final Function<Images, String> imageOverride;

  Component(
      String id,
      String statusKey,
      Function<ImageSearchClusterSpec, ServiceSpec> spec,
      Function<Images, String> imageOverride) {
    this.id = id;
    this.statusKey = statusKey;
    this.spec = spec;
    this.imageOverride = imageOverride;
  }

  /** Kebab-case id used in names and the app.kubernetes.io/component label. */
  public String id() {
    return id;
  }

  /** The key of this component in the spec and in status.components. */
  public String statusKey() {
    return statusKey;
  }

  /** Whether clients call it over HTTP (through the Ingress); the worker only serves metrics. */
  public boolean servesClients() {
    return this != WORKER;
  }

  public ServiceSpec spec(ImageSearchCluster cluster) {
    ServiceSpec s = spec.apply(cluster.getSpec());
    return s == null ? new ServiceSpec() : s;
  }

  /** The full image reference the user set for this service, or null (see ImageDefaults). */
  String imageOverride(Images images) {
    return imageOverride.apply(images);
  }

  public String name(ImageSearchCluster cluster) {
    return Names.child(cluster, id);
  }
}
