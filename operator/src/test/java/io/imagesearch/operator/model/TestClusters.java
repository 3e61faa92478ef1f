package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.imagesearch.operator.api.DependencySpec;
import io.imagesearch.operator.api.DependencySpecBuilder;
import io.imagesearch.operator.api.ExternalSpec;
import io.imagesearch.operator.api.ImageSearchClusterBuilder;
import io.imagesearch.operator.api.InClusterSpec;
import io.imagesearch.operator.api.OidcSpec;
import io.imagesearch.operator.api.OidcSpecBuilder;
import io.imagesearch.operator.api.SecuritySpec;
import java.util.Map;

/**
 * The cluster resources the model tests build children from, made with the builders sundrio
 * generates for the CRD classes: a test takes {@link #demo()} and varies the spec it needs with
 * {@code editSpec()}.
 */
final class TestClusters {
  private TestClusters() {}

  /** demo in namespace ns, version 1.2.3, every other field defaulted. */
  static ImageSearchClusterBuilder demo() {
    return new ImageSearchClusterBuilder()
        .withMetadata(
            new ObjectMetaBuilder().withName("demo").withNamespace("ns").withUid("uid-1").build())
        .withNewSpec()
        .withVersion("1.2.3")
        .endSpec();
  }

  /** demo with its Ingress enabled for host. */
  static ImageSearchClusterBuilder withIngress(String host) {
    return demo().editSpec().editIngress().withEnabled(true).withHost(host).endIngress().endSpec();
  }

  /** A dependency run elsewhere, its credentials in the named Secret. */
  static DependencySpec external(String endpoint, String secretName) {
    // sundrio generates no builder for a nested class such as SecretRef.
    ExternalSpec.SecretRef secretRef = new ExternalSpec.SecretRef();
    secretRef.name = secretName;
    return new DependencySpecBuilder()
        .withNewExternal()
        .withEndpoint(endpoint)
        .withSecretRef(secretRef)
        .endExternal()
        .build();
  }

  /** A dependency run elsewhere without authentication. */
  static DependencySpec external(String endpoint) {
    return new DependencySpecBuilder()
        .withNewExternal()
        .withEndpoint(endpoint)
        .endExternal()
        .build();
  }

  /** A dependency the operator runs, with its volume's size and deletion policy. */
  static DependencySpec inCluster(InClusterSpec.DeletionPolicy deletionPolicy, String storageSize) {
    return new DependencySpecBuilder()
        .withNewInCluster()
        .withDeletionPolicy(deletionPolicy)
        .withStorageSize(storageSize)
        .endInCluster()
        .build();
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
    return new OidcSpecBuilder()
        .withIssuerUri(issuerUri)
        .withAudience(audience)
        .withJwkSetUri(jwkSetUri)
        .build();
  }

  /** A label selector matching exactly these labels. */
  static LabelSelector labelled(String key, String value) {
    return new LabelSelectorBuilder().withMatchLabels(Map.of(key, value)).build();
  }
}
