package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.IngressSpec;
import io.imagesearch.operator.api.MonitoringSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who may reach a service's pods. The HTTP port of the services clients call, and the cdn's
 * delivery port: the ingress controller's pods and this cluster resource's own pods. The management
 * port (health, metrics): the monitoring pods only. The worker serves no client, so only its
 * management port is open. The kubelet's probes come from the node, which a NetworkPolicy never
 * blocks.
 *
 * <p>A selector the spec leaves out admits pods of every namespace: the operator cannot know where
 * an ingress controller or Prometheus runs, and a wrong guess takes the platform offline (or its
 * alerts silent) with nothing but a timeout to show for it. Addresses outside the cluster's pods
 * stay out either way, and the dependencies keep their own, narrower policies.
 */
public final class ComponentNetworkPolicyModel {
  private ComponentNetworkPolicyModel() {}

  public static NetworkPolicy build(ImageSearchCluster cluster, Component component) {
    IngressSpec ingress =
        Objects.requireNonNullElseGet(cluster.getSpec().ingress, IngressSpec::new);
    MonitoringSpec monitoring =
        Objects.requireNonNullElseGet(cluster.getSpec().monitoring, MonitoringSpec::new);
    List<NetworkPolicyIngressRule> rules = new ArrayList<>();
    if (component.servesClients()) {
      rules.add(clientRule(cluster, ingress, Component.HTTP_PORT));
    }
    if (component == Component.CDN) {
      rules.add(clientRule(cluster, ingress, Component.DELIVERY_PORT));
    }
    rules.add(
        rule(
            Component.MANAGEMENT_PORT,
            peer(monitoring.metricsNamespaceSelector, monitoring.metricsPodSelector)));
    return Names.owned(
        new NetworkPolicyBuilder()
            .withMetadata(Names.metadata(cluster, component.name(cluster), component.id()))
            .withNewSpec()
            .withNewPodSelector()
            .withMatchLabels(Names.selector(cluster, component.id()))
            .endPodSelector()
            .withPolicyTypes("Ingress")
            .withIngress(rules)
            .endSpec()
            .build(),
        cluster);
  }

  /** The ingress controller's pods and the platform's own, as on every client port. */
  private static NetworkPolicyIngressRule clientRule(
      ImageSearchCluster cluster, IngressSpec ingress, int port) {
    return rule(
        port,
        peer(ingress.controllerNamespaceSelector, ingress.controllerPodSelector),
        platformPods(cluster));
  }

  /** Pods in the namespaces selected (every namespace when null), of those the pods selected. */
  private static NetworkPolicyPeer peer(LabelSelector namespaces, LabelSelector pods) {
    return new NetworkPolicyPeerBuilder()
        .withNamespaceSelector(namespaces == null ? new LabelSelector() : namespaces)
        .withPodSelector(pods)
        .build();
  }

  /** Every pod of this cluster resource, in its namespace. */
  private static NetworkPolicyPeer platformPods(ImageSearchCluster cluster) {
    return new NetworkPolicyPeerBuilder()
        .withNewPodSelector()
        .addToMatchLabels("app.kubernetes.io/name", Names.PART_OF)
        .addToMatchLabels("app.kubernetes.io/instance", cluster.getMetadata().getName())
        .endPodSelector()
        .build();
  }

  private static NetworkPolicyIngressRule rule(int port, NetworkPolicyPeer... from) {
    return new NetworkPolicyIngressRuleBuilder()
        .withFrom(from)
        .addNewPort()
        .withProtocol("TCP")
        .withPort(new IntOrString(port))
        .endPort()
        .build();
  }
}
