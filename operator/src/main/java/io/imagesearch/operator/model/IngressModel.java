package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.IngressSpec;
import java.util.List;

/**
 * One host: uploads and task status to the ingest API, image bytes to the CDN's delivery port (its
 * HTTP port when OIDC is set, {@link CdnDelivery#servesIngress}), everything else (search, image
 * metadata, delete, the web UI) to the search API. Checked route by route against the services'
 * routes with {@link IngressRoutes}.
 */
public final class IngressModel {
  private static final String PREFIX = "Prefix";
  private static final String EXACT = "Exact";

  private IngressModel() {}

  public static boolean enabled(ImageSearchCluster cluster) {
    return cluster.getSpec().ingress != null && cluster.getSpec().ingress.enabled;
  }

  public static String name(ImageSearchCluster cluster) {
    return cluster.getMetadata().getName();
  }

  public static Ingress build(ImageSearchCluster cluster) {
    IngressSpec spec = cluster.getSpec().ingress;
    String imagePort = CdnDelivery.ingressPortName(cluster);
    var builder =
        new IngressBuilder()
            .withMetadata(Names.metadata(cluster, name(cluster), "ingress"))
            .withNewSpec()
            .withIngressClassName(spec.className)
            .addNewRule()
            .withHost(spec.host)
            .withNewHttp()
            .withPaths(
                List.of(
                    path(cluster, "/api/v1/ingest", PREFIX, Component.INGEST_API),
                    // Batch upload only: /api/v1/images/{id}... belongs to the search API.
                    path(cluster, "/api/v1/images", EXACT, Component.INGEST_API),
                    // The status_url a batch upload returns.
                    path(cluster, "/api/v1/tasks", PREFIX, Component.INGEST_API),
                    // Image bytes on the cdn's delivery port, or its HTTP port under OIDC.
                    path(cluster, "/images", PREFIX, Component.CDN, imagePort),
                    path(cluster, "/thumbnails", PREFIX, Component.CDN, imagePort),
                    path(cluster, "/", PREFIX, Component.SEARCH_API)))
            .endHttp()
            .endRule();
    if (spec.tlsSecretName != null) {
      builder.addNewTl().withHosts(spec.host).withSecretName(spec.tlsSecretName).endTl();
    }
    return Names.owned(builder.endSpec().build(), cluster);
  }

  private static HTTPIngressPath path(
      ImageSearchCluster cluster, String path, String pathType, Component target) {
    return path(cluster, path, pathType, target, Component.HTTP_PORT_NAME);
  }

  private static HTTPIngressPath path(
      ImageSearchCluster cluster, String path, String pathType, Component target, String port) {
    return new HTTPIngressPathBuilder()
        .withPath(path)
        .withPathType(pathType)
        .withNewBackend()
        .withNewService()
        .withName(target.name(cluster))
        .withNewPort()
        .withName(port)
        .endPort()
        .endService()
        .endBackend()
        .build();
  }
}
