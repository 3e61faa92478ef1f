package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.MonitoringSpec;
import io.imagesearch.operator.optional.PrometheusRule;
import io.imagesearch.operator.optional.ServiceMonitor;
import java.util.List;
import java.util.Map;

/**
 * Prometheus Operator objects. They are built untyped and converted to minimal typed classes,
 * because their CRDs are optional: the operator must start and work where they are not installed.
 */
public final class MonitoringModel {
  public static final String MONITORING_API = "monitoring.coreos.com/v1";

  private MonitoringModel() {}

  public static String name(ImageSearchCluster cluster) {
    return Names.child(cluster, "services");
  }

  public static ServiceMonitor serviceMonitor(ImageSearchCluster cluster) {
    return Typed.as(
        new GenericKubernetesResourceBuilder()
            .withApiVersion(MONITORING_API)
            .withKind("ServiceMonitor")
            .withMetadata(metadata(cluster))
            .withAdditionalProperties(
                Map.of(
                    "spec",
                    Map.of(
                        "selector",
                        Map.of(
                            "matchLabels",
                            Map.of(
                                "app.kubernetes.io/name",
                                Names.PART_OF,
                                "app.kubernetes.io/instance",
                                cluster.getMetadata().getName())),
                        "endpoints",
                        List.of(Map.of("port", "http", "path", "/actuator/prometheus")))))
            .build(),
        cluster,
        ServiceMonitor.class);
  }

  public static PrometheusRule prometheusRule(ImageSearchCluster cluster) {
    String instance = cluster.getMetadata().getName();
    Map<String, Object> backlog =
        Map.of(
            "alert",
            "ImageSearchBacklogGrowing",
            "expr",
            "min_over_time(imagesearch_queue_backlog{instance_name=\""
                + instance
                + "\"}[15m]) > 1000",
            "for",
            "15m",
            "labels",
            Map.of("severity", "warning"),
            "annotations",
            Map.of("summary", "Ingest backlog above 1000 for 15 minutes; add workers."));
    Map<String, Object> down =
        Map.of(
            "alert",
            "ImageSearchServiceDown",
            "expr",
            "up{namespace=\""
                + cluster.getMetadata().getNamespace()
                + "\",service=~\""
                + instance
                + "-.*\"} == 0",
            "for",
            "5m",
            "labels",
            Map.of("severity", "critical"),
            "annotations",
            Map.of("summary", "An Image Search service is not scrapeable."));
    return Typed.as(
        new GenericKubernetesResourceBuilder()
            .withApiVersion(MONITORING_API)
            .withKind("PrometheusRule")
            .withMetadata(metadata(cluster))
            .withAdditionalProperties(
                Map.of(
                    "spec",
                    Map.of(
                        "groups",
                        List.of(Map.of("name", "imagesearch", "rules", List.of(backlog, down))))))
            .build(),
        cluster,
        PrometheusRule.class);
  }

  private static ObjectMeta metadata(ImageSearchCluster cluster) {
    ObjectMeta meta = Names.metadata(cluster, name(cluster), "monitoring");
    MonitoringSpec spec = cluster.getSpec().monitoring;
    if (spec != null && spec.labels != null) {
      meta.getLabels().putAll(spec.labels);
    }
    return meta;
  }
}
