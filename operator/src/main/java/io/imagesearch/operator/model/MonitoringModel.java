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
 * Prometheus Operator objects: a ServiceMonitor for the services' /actuator/prometheus (on their
 * management port) and a PrometheusRule with observability/alerts.yml. They are built untyped and
 * converted to minimal typed classes, because their CRDs are optional: the operator must start and
 * work where they are not installed.
 */
public final class MonitoringModel {
  public static final String MONITORING_API = "monitoring.coreos.com/v1";

  private static final List<Object> ALERT_GROUPS = loadAlertGroups();

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
                        // job = the component (worker, search-api, ...), as alerts.yml expects.
                        "jobLabel",
                        "app.kubernetes.io/component",
                        "endpoints",
                        List.of(
                            Map.of(
                                "port",
                                Component.MANAGEMENT_PORT_NAME,
                                "path",
                                "/actuator/prometheus")))))
            .build(),
        cluster,
        ServiceMonitor.class);
  }

  /** The rule groups of observability/alerts.yml, the same rules as outside Kubernetes. */
  public static PrometheusRule prometheusRule(ImageSearchCluster cluster) {
    return Typed.as(
        new GenericKubernetesResourceBuilder()
            .withApiVersion(MONITORING_API)
            .withKind("PrometheusRule")
            .withMetadata(metadata(cluster))
            .withAdditionalProperties(Map.of("spec", Map.of("groups", ALERT_GROUPS)))
            .build(),
        cluster,
        PrometheusRule.class);
  }

  private static ObjectMeta metadata(ImageSearchCluster cluster) {
    ObjectMeta meta = Names.metadata(cluster, name(cluster), "monitoring");
    MonitoringSpec spec = cluster.getSpec().monitoring;
    if (spec != null && spec.labels != null) {
      meta.getLabels().putAll(spec.labels);
      // Never the user's: the operator's informers see only children carrying its own.
      meta.getLabels().put(Names.MANAGED_BY_LABEL, Names.MANAGED_BY);
    }
    return meta;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> loadAlertGroups() {
    Map<String, Object> rules =
        Typed.SERIALIZATION.unmarshal(PackagedFiles.read("/prometheus/alerts.yml"), Map.class);
    return List.copyOf((List<Object>) rules.get("groups"));
  }
}
