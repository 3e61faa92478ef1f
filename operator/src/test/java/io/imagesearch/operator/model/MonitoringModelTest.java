package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.operator.api.ImageSearchCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitoringModelTest {

  @Test
  void theUsersLabelsAreAddedButNeverReplaceTheManagedByLabel() {
    ImageSearchCluster cluster =
        TestClusters.demo()
            .editSpec()
            .editMonitoring()
            .withLabels(Map.of("release", "prometheus", Names.MANAGED_BY_LABEL, "someone-else"))
            .endMonitoring()
            .endSpec()
            .build();

    for (var child :
        List.of(MonitoringModel.serviceMonitor(cluster), MonitoringModel.prometheusRule(cluster))) {
      assertThat(child.getMetadata().getLabels())
          .containsEntry("release", "prometheus")
          // The operator's informers select its children by this label.
          .containsEntry(Names.MANAGED_BY_LABEL, Names.MANAGED_BY);
    }
  }

  @Test
  void theServiceMonitorScrapesTheManagementPort() {
    assertThat(
            MonitoringModel.serviceMonitor(TestClusters.demo().build()).getSpec().get("endpoints"))
        .isEqualTo(List.of(Map.of("port", "management", "path", "/actuator/prometheus")));
  }
}
