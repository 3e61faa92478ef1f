package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.imagesearch.operator.api.ImageSearchCluster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's Grafana dashboards (observability/grafana/dashboards, packaged with the operator)
 * in one ConfigMap labelled {@code grafana_dashboard: "1"}, which Grafana's sidecar picks up.
 */
public final class GrafanaDashboardsModel {
  private GrafanaDashboardsModel() {}

  public static final List<String> DASHBOARDS =
      List.of("ingest-pipeline.json", "search.json", "cdn.json", "dependencies.json");

  private static final Map<String, String> CONTENT = load();

  public static String name(ImageSearchCluster cluster) {
    return Names.child(cluster, "grafana-dashboards");
  }

  public static ConfigMap build(ImageSearchCluster cluster) {
    ConfigMap map =
        new ConfigMapBuilder()
            .withMetadata(Names.metadata(cluster, name(cluster), "monitoring"))
            .withData(CONTENT)
            .build();
    map.getMetadata().getLabels().put("grafana_dashboard", "1");
    return Names.owned(map, cluster);
  }

  public static boolean wanted(ImageSearchCluster cluster) {
    return cluster.getSpec().monitoring != null && cluster.getSpec().monitoring.grafanaDashboards;
  }

  private static Map<String, String> load() {
    Map<String, String> content = new LinkedHashMap<>();
    for (String file : DASHBOARDS) {
      content.put(file, PackagedFiles.read("/grafana-dashboards/" + file));
    }
    return Map.copyOf(content);
  }
}
