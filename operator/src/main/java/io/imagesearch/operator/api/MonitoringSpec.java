package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;
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
