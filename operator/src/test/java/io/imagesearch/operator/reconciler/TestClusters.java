package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterBuilder;

/** The cluster resource the status tests observe. */
final class TestClusters {
  private TestClusters() {}

  /** demo in namespace ns, version 1.0.0, at the given generation, without a status. */
  static ImageSearchCluster demo(long generation) {
    return new ImageSearchClusterBuilder()
        .withMetadata(
            new ObjectMetaBuilder()
                .withName("demo")
                .withNamespace("ns")
                .withGeneration(generation)
                .build())
        .withNewSpec()
        .withVersion("1.0.0")
        .endSpec()
        .build();
  }
}
