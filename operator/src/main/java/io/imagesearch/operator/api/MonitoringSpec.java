package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;
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

  @JsonPropertyDescription(
      "Namespaces whose pods may reach the services' management port (health and"
          + " /actuator/prometheus; NetworkPolicy), e.g. matchLabels:"
          + " {kubernetes.io/metadata.name: monitoring}. Absent: pods of every namespace.")
  public LabelSelector metricsNamespaceSelector;

  @JsonPropertyDescription(
      "The scraping pods within metricsNamespaceSelector, e.g. matchLabels:"
          + " {app.kubernetes.io/name: prometheus}. Absent: every pod there.")
  public LabelSelector metricsPodSelector;

  public LabelSelector getMetricsNamespaceSelector() {
    return metricsNamespaceSelector;
  }

  public void setMetricsNamespaceSelector(LabelSelector metricsNamespaceSelector) {
    this.metricsNamespaceSelector = metricsNamespaceSelector;
  }

  public LabelSelector getMetricsPodSelector() {
    return metricsPodSelector;
  }

  public void setMetricsPodSelector(LabelSelector metricsPodSelector) {
    this.metricsPodSelector = metricsPodSelector;
  }
}
