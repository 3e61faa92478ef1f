package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.operator.api.ImageSearchCluster;
import org.junit.jupiter.api.Test;

class HpaModelTest {

  @Test
  void hpaScalesTheDeploymentWithinTheConfiguredBounds() {
    ImageSearchCluster cluster =
        TestClusters.demo()
            .editSpec()
            .editIngestApi()
            .withNewHpa()
            .withMaxReplicas(7)
            .endHpa()
            .endIngestApi()
            .endSpec()
            .build();

    var hpa = HpaModel.build(cluster, Component.INGEST_API);

    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("demo-ingest-api");
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(7);
    assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization())
        .isEqualTo(75);
  }
}
