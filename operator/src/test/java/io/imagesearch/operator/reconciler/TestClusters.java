package io.imagesearch.operator.reconciler;

import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterSpec;

/** The cluster resource the status tests observe. */
final class TestClusters {
  private TestClusters() {}

  /** demo in namespace ns, version 1.0.0, at the given generation, without a status. */
  static ImageSearchCluster demo(long generation) {
    ImageSearchCluster cluster = new ImageSearchCluster();
    cluster.getMetadata().setName("demo");
    cluster.getMetadata().setNamespace("ns");
    cluster.getMetadata().setGeneration(generation);
    cluster.setSpec(new ImageSearchClusterSpec());
    cluster.getSpec().version = "1.0.0";
    return cluster;
  }
}
