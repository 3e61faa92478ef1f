package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.sundr.builder.annotations.Buildable;
import java.util.Map;

/** Prometheus Operator objects (only created when their CRDs exist) and Grafana dashboards. */
@Buildable(editableEnabled = false, builderPackage = GeneratedBuilders.BASE_PACKAGE)
public class MonitoringSpec {
  public boolean serviceMonitor;
  public boolean prometheusRule;

  @JsonPropertyDescription(
      "Extra labels on ServiceMonitor and PrometheusRule (Prometheus selectors).")
  public Map<String, String> labels;

  @JsonPropertyDescription(
      "Create ConfigMaps labelled grafana_dashboard=1 for the Grafana sidecar.")
  public boolean grafanaDashboards;

  public boolean isServiceMonitor() {
    return serviceMonitor;
  }

  public void setServiceMonitor(boolean serviceMonitor) {
    this.serviceMonitor = serviceMonitor;
  }

  public boolean isPrometheusRule() {
    return prometheusRule;
  }

  public void setPrometheusRule(boolean prometheusRule) {
    this.prometheusRule = prometheusRule;
  }

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public boolean isGrafanaDashboards() {
    return grafanaDashboards;
  }

  public void setGrafanaDashboards(boolean grafanaDashboards) {
    this.grafanaDashboards = grafanaDashboards;
  }
}
