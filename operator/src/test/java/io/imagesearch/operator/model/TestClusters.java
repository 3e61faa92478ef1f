package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.imagesearch.operator.api.DependencySpec;
import io.imagesearch.operator.api.ExternalSpec;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterSpec;
import io.imagesearch.operator.api.InClusterSpec;
import io.imagesearch.operator.api.OidcSpec;
import io.imagesearch.operator.api.SecuritySpec;
import java.util.Map;

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

  /** The admin API key in the user's own Secret instead of a generated one. */
  static SecuritySpec.KeySecretRef adminKeyIn(String secretName, String key) {
    SecuritySpec.KeySecretRef ref = new SecuritySpec.KeySecretRef();
    ref.name = secretName;
    ref.key = key;
    return ref;
  }

  /** OIDC tokens of an issuer, for an audience, with its JWK Set when given. */
  static OidcSpec oidc(String issuerUri, String audience, String jwkSetUri) {
    OidcSpec oidc = new OidcSpec();
    oidc.issuerUri = issuerUri;
    oidc.audience = audience;
    oidc.jwkSetUri = jwkSetUri;
    return oidc;
  }

  /** A label selector matching exactly these labels. */
  static LabelSelector labelled(String key, String value) {
    LabelSelector selector = new LabelSelector();
    selector.setMatchLabels(Map.of(key, value));
    return selector;
  }
}
