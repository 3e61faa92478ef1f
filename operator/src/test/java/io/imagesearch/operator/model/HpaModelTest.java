package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.operator.api.HpaSpec;
import io.imagesearch.operator.api.ImageSearchCluster;
import org.junit.jupiter.api.Test;

class HpaModelTest {

  private final ImageSearchCluster cluster = TestClusters.demo();

  @Test
  void hpaScalesTheDeploymentWithinTheConfiguredBounds() {
    cluster.getSpec().ingestApi.hpa = new HpaSpec();
    cluster.getSpec().ingestApi.hpa.maxReplicas = 7;

    var hpa = HpaModel.build(cluster, Component.INGEST_API);

    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("demo-ingest-api");
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(7);
    assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization())
        .isEqualTo(75);
  }
}
