package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GrafanaDashboardsModelTest {

  @Test
  void everyDashboardOfTheRepositoryIsShippedLabelledForTheSidecar() throws IOException {
    ConfigMap map = GrafanaDashboardsModel.build(TestClusters.demo().build());

    assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(map.getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(map.getData().keySet()).containsExactlyInAnyOrderElementsOf(repositoryDashboards());
    assertThat(map.getData().get("search.json")).contains("\"title\": \"Image Search / Search\"");
  }

  private static java.util.List<String> repositoryDashboards() throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path dashboards = dir.resolve("observability/grafana/dashboards");
      if (Files.isDirectory(dashboards)) {
        try (Stream<Path> files = Files.list(dashboards)) {
          return files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".json"))
              .toList();
        }
      }
    }
    throw new IllegalStateException("observability/grafana/dashboards not found");
  }
}
