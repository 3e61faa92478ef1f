package io.imagesearch.clustere2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imagesearch.operator.optional.ServiceMonitor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the Prometheus Operator makes of a ServiceMonitor, for Debian's Prometheus (built without
 * Kubernetes discovery): the Services its selector matches, their ready endpoints on the named
 * port, scraped at its path, with job taken from the Service label its jobLabel names. The targets
 * go to a file_sd file that {@link #writeTargets} refreshes.
 */
final class ServiceMonitorScrapeConfig {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> selector;
  private final String port;
  private final String path;
  private final String jobLabel;

  @SuppressWarnings("unchecked")
  ServiceMonitorScrapeConfig(ServiceMonitor monitor) {
    Map<String, Object> spec =
        (Map<String, Object>) JSON.convertValue(monitor, Map.class).get("spec");
    this.selector =
        (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
    Map<String, Object> endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).getFirst();
    this.port = (String) endpoint.get("port");
    this.path = (String) endpoint.get("path");
    this.jobLabel = (String) spec.get("jobLabel");
  }

  /** prometheus.yml reading its targets from {@code targetsFile}. */
  String prometheusYaml(Path targetsFile) {
    Map<String, Object> job =
        Map.of(
            "job_name",
            "servicemonitor",
            "metrics_path",
            path,
            "file_sd_configs",
            List.of(Map.of("files", List.of(targetsFile.toString()), "refresh_interval", "5s")));
    try {
      return YAML.writeValueAsString(
          Map.of("global", Map.of("scrape_interval", "5s"), "scrape_configs", List.of(job)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The file_sd JSON of the ready endpoints of the selected Services in {@code namespace}. */
  String targets(KubernetesClient client, String namespace) {
    List<Map<String, Object>> groups = new ArrayList<>();
    for (Service service :
        client.services().inNamespace(namespace).withLabels(selector).list().getItems()) {
      String job = service.getMetadata().getLabels().get(jobLabel);
      List<EndpointSlice> slices =
          client
              .discovery()
              .v1()
              .endpointSlices()
              .inNamespace(namespace)
              .withLabel("kubernetes.io/service-name", service.getMetadata().getName())
              .list()
              .getItems();
      for (EndpointSlice slice : slices) {
        Integer number =
            slice.getPorts().stream()
                .filter(p -> port.equals(p.getName()))
                .map(p -> p.getPort())
                .findFirst()
                .orElse(null);
        if (number == null || slice.getEndpoints() == null) {
          continue;
        }
        slice.getEndpoints().stream()
            .filter(
                e ->
                    e.getConditions() == null
                        || !Boolean.FALSE.equals(e.getConditions().getReady()))
            .forEach(
                e ->
                    groups.add(
                        Map.of(
                            "targets", List.of(e.getAddresses().getFirst() + ":" + number),
                            "labels",
                                Map.of(
                                    "job",
                                    job,
                                    "pod",
                                    e.getTargetRef() == null ? "" : e.getTargetRef().getName()))));
      }
    }
    try {
      return JSON.writeValueAsString(groups);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
