package io.imagesearch.operator.model;

import io.imagesearch.operator.api.DependencySpec;
import io.imagesearch.operator.api.ExternalSpec;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterSpec;
import io.imagesearch.operator.api.InClusterSpec;

/**
 * The cluster resources the model tests build children from. The spec classes are plain schema
 * classes with public fields and have no generated builders, so the spec parts tests vary are made
 * here, once, by name.
 */
final class TestClusters {
  private TestClusters() {}

  /** demo in namespace ns, version 1.2.3, every other field defaulted. */
  static ImageSearchCluster demo() {
    ImageSearchCluster cluster = new ImageSearchCluster();
    cluster.getMetadata().setName("demo");
    cluster.getMetadata().setNamespace("ns");
    cluster.getMetadata().setUid("uid-1");
    cluster.setSpec(new ImageSearchClusterSpec());
    cluster.getSpec().version = "1.2.3";
    return cluster;
  }

  /** A dependency run elsewhere, its credentials in the named Secret. */
  static DependencySpec external(String endpoint, String secretName) {
    DependencySpec spec = external(endpoint);
    spec.external.secretRef = new ExternalSpec.SecretRef();
    spec.external.secretRef.name = secretName;
    return spec;
  }

  /** A dependency run elsewhere without authentication. */
  static DependencySpec external(String endpoint) {
    DependencySpec spec = new DependencySpec();
    spec.external = new ExternalSpec();
    spec.external.endpoint = endpoint;
    return spec;
  }

  /** A dependency the operator runs, with its volume's size and deletion policy. */
  static DependencySpec inCluster(InClusterSpec.DeletionPolicy deletionPolicy, String storageSize) {
    DependencySpec spec = new DependencySpec();
    spec.inCluster = new InClusterSpec();
    spec.inCluster.deletionPolicy = deletionPolicy;
    spec.inCluster.storageSize = storageSize;
    return spec;
  }
}
