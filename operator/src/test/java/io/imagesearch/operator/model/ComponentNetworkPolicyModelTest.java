package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.imagesearch.operator.api.ImageSearchCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentNetworkPolicyModelTest {

  private final ImageSearchCluster cluster = TestClusters.demo().build();

  @Test
  void eachServiceGetsAPolicyOnItsOwnPods() {
    for (Component component : Component.values()) {
      NetworkPolicy policy = ComponentNetworkPolicyModel.build(cluster, component);

      assertThat(policy.getMetadata().getName()).isEqualTo("demo-" + component.id());
      assertThat(policy.getSpec().getPodSelector().getMatchLabels())
          .isEqualTo(Names.selector(cluster, component.id()));
      assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    }
  }

  @Test
  void theHttpPortAdmitsTheIngressControllerAndThePlatformsOwnPods() {
    cluster.getSpec().ingress.controllerNamespaceSelector =
        TestClusters.labelled("kubernetes.io/metadata.name", "ingress-nginx");
    cluster.getSpec().ingress.controllerPodSelector =
        TestClusters.labelled("app.kubernetes.io/name", "ingress-nginx");

    for (Component component : List.of(Component.INGEST_API, Component.SEARCH_API, Component.CDN)) {
      List<NetworkPolicyPeer> from = rule(component, Component.HTTP_PORT).getFrom();

      assertThat(from).hasSize(2);
      assertThat(from.get(0).getNamespaceSelector().getMatchLabels())
          .isEqualTo(Map.of("kubernetes.io/metadata.name", "ingress-nginx"));
      assertThat(from.get(0).getPodSelector().getMatchLabels())
          .isEqualTo(Map.of("app.kubernetes.io/name", "ingress-nginx"));
      // This cluster resource's pods, in its own namespace only.
      assertThat(from.get(1).getNamespaceSelector()).isNull();
      assertThat(from.get(1).getPodSelector().getMatchLabels())
          .isEqualTo(
              Map.of(
                  "app.kubernetes.io/name", "imagesearch", "app.kubernetes.io/instance", "demo"));
    }
  }

  @Test
  void theCdnsDeliveryPortAdmitsWhatItsHttpPortAdmits() {
    cluster.getSpec().ingress.controllerNamespaceSelector =
        TestClusters.labelled("kubernetes.io/metadata.name", "ingress-nginx");

    assertThat(rule(Component.CDN, Component.DELIVERY_PORT).getFrom())
        .isEqualTo(rule(Component.CDN, Component.HTTP_PORT).getFrom());
    for (Component other : List.of(Component.INGEST_API, Component.WORKER, Component.SEARCH_API)) {
      assertThat(ComponentNetworkPolicyModel.build(cluster, other).getSpec().getIngress())
          .flatMap(NetworkPolicyIngressRule::getPorts)
          .noneMatch(p -> p.getPort().getIntVal() == Component.DELIVERY_PORT);
    }
  }

  @Test
  void withoutAControllerSelectorPodsOfEveryNamespaceReachTheHttpPort() {
    cluster.getSpec().ingress = null;

    NetworkPolicyPeer controller = rule(Component.SEARCH_API, Component.HTTP_PORT).getFrom().get(0);

    assertThat(controller.getNamespaceSelector()).isEqualTo(new LabelSelector());
    assertThat(controller.getPodSelector()).isNull();
  }

  @Test
  void theManagementPortAdmitsTheMonitoringPodsOnly() {
    cluster.getSpec().monitoring.metricsNamespaceSelector =
        TestClusters.labelled("kubernetes.io/metadata.name", "monitoring");
    cluster.getSpec().monitoring.metricsPodSelector =
        TestClusters.labelled("app.kubernetes.io/name", "prometheus");

    for (Component component : Component.values()) {
      List<NetworkPolicyPeer> from = rule(component, Component.MANAGEMENT_PORT).getFrom();

      assertThat(from)
          .singleElement()
          .satisfies(
              peer -> {
                assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
                assertThat(peer.getPodSelector().getMatchLabels())
                    .isEqualTo(Map.of("app.kubernetes.io/name", "prometheus"));
              });
    }
  }

  @Test
  void theWorkerAcceptsNothingButMetrics() {
    NetworkPolicy worker = ComponentNetworkPolicyModel.build(cluster, Component.WORKER);

    assertThat(worker.getSpec().getIngress())
        .singleElement()
        .satisfies(
            rule ->
                assertThat(rule.getPorts())
                    .singleElement()
                    .satisfies(
                        p ->
                            assertThat(p.getPort().getIntVal())
                                .isEqualTo(Component.MANAGEMENT_PORT)));
  }

  @Test
  void everyRuleNamesItsPortSoNoOtherPortIsOpened() {
    for (Component component : Component.values()) {
      for (NetworkPolicyIngressRule rule :
          ComponentNetworkPolicyModel.build(cluster, component).getSpec().getIngress()) {
        assertThat(rule.getPorts()).hasSize(1);
        assertThat(rule.getFrom()).isNotEmpty();
      }
    }
  }

  private NetworkPolicyIngressRule rule(Component component, int port) {
    return ComponentNetworkPolicyModel.build(cluster, component).getSpec().getIngress().stream()
        .filter(r -> r.getPorts().getFirst().getPort().getIntVal() == port)
        .findFirst()
        .orElseThrow();
  }
}
