package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.imagesearch.operator.api.ImageSearchCluster;

/**
 * Only the platform's own services that use a dependency may reach its port; the operator may also
 * reach Redis, where it reads the backlog it scales workers on.
 */
public final class NetworkPolicyModel {
  private NetworkPolicyModel() {}

  /** The operator's pods as the chart labels them, in whatever namespace it runs. */
  static final String OPERATOR_NAME = "imagesearch-operator";

  private static java.util.List<NetworkPolicyPeer> operatorPeers(Dependency dependency) {
    if (dependency != Dependency.REDIS) {
      return java.util.List.of();
    }
    return java.util.List.of(
        new NetworkPolicyPeerBuilder()
            .withNewNamespaceSelector()
            .endNamespaceSelector()
            .withNewPodSelector()
            .addToMatchLabels("app.kubernetes.io/name", OPERATOR_NAME)
            .endPodSelector()
            .build());
  }

  public static NetworkPolicy build(ImageSearchCluster cluster, Dependency dependency) {
    var clients =
        new LabelSelectorRequirementBuilder()
            .withKey("app.kubernetes.io/component")
            .withOperator("In")
            .withValues(dependency.clients().stream().map(Component::id).toList())
            .build();
    return Names.owned(
        new NetworkPolicyBuilder()
            .withMetadata(Names.metadata(cluster, dependency.name(cluster), dependency.id()))
            .withNewSpec()
            .withNewPodSelector()
            .withMatchLabels(Names.selector(cluster, dependency.id()))
            .endPodSelector()
            .withPolicyTypes("Ingress")
            .addNewIngress()
            .addNewFrom()
            .withNewPodSelector()
            .addToMatchLabels("app.kubernetes.io/name", Names.PART_OF)
            .addToMatchLabels("app.kubernetes.io/instance", cluster.getMetadata().getName())
            .withMatchExpressions(clients)
            .endPodSelector()
            .endFrom()
            .addAllToFrom(operatorPeers(dependency))
            .addNewPort()
            .withProtocol("TCP")
            .withPort(new IntOrString(dependency.workload().port()))
            .endPort()
            .endIngress()
            .endSpec()
            .build(),
        cluster);
  }
}
