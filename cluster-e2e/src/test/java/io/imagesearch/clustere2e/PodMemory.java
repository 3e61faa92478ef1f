package io.imagesearch.clustere2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Resident memory of each pod as the kubelet's summary API reports it (cgroup RSS). */
final class PodMemory {
  private PodMemory() {}

  /** Pod name to RSS in MiB, for the pods of {@code namespaces}. */
  static Map<String, Long> rssMiB(KubernetesClient client, String node, String... namespaces)
      throws Exception {
    JsonNode summary =
        new ObjectMapper().readTree(client.raw("/api/v1/nodes/" + node + "/proxy/stats/summary"));
    Map<String, Long> rss = new TreeMap<>();
    for (JsonNode pod : summary.path("pods")) {
      String namespace = pod.path("podRef").path("namespace").asText();
      if (List.of(namespaces).contains(namespace)) {
        rss.put(
            pod.path("podRef").path("name").asText(),
            pod.path("memory").path("rssBytes").asLong() / (1024 * 1024));
      }
    }
    return rss;
  }
}
