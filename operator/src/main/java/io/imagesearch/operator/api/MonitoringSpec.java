package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** Prometheus Operator objects (only created when their CRDs exist) and Grafana dashboards. */
public class MonitoringSpec {
  public boolean serviceMonitor;
  public boolean prometheusRule;

  @JsonPropertyDescription(
      "Extra labels on ServiceMonitor and PrometheusRule (Prometheus selectors).")
  public Map<String, String> labels;

  @JsonPropertyDescription(
      "Create ConfigMaps labelled grafana_dashboard=1 for the Grafana sidecar.")
  public boolean grafanaDashboards;
}
