package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkPolicyModelTest {

  private static List<NetworkPolicyPeer> peers(Dependency dependency) {
    NetworkPolicy policy = NetworkPolicyModel.build(TestClusters.demo().build(), dependency);
    return policy.getSpec().getIngress().getFirst().getFrom();
  }

  @Test
  void networkPolicyAdmitsOnlyTheServicesThatUseTheDependency() {
    var policy = NetworkPolicyModel.build(TestClusters.demo().build(), Dependency.MILVUS);
    var from = policy.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector();

    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/component", "milvus");
    assertThat(from.getMatchLabels()).containsEntry("app.kubernetes.io/instance", "demo");
    assertThat(from.getMatchExpressions().get(0).getValues())
        .containsExactly("worker", "search-api");
    assertThat(policy.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntVal())
        .isEqualTo(19530);
  }

  @Test
  void theOperatorMayReadTheBacklogFromRedisOnly() {
    assertThat(peers(Dependency.REDIS))
        .anySatisfy(
            peer -> {
              assertThat(peer.getNamespaceSelector()).isNotNull();
              assertThat(peer.getPodSelector().getMatchLabels())
                  .containsEntry("app.kubernetes.io/name", "imagesearch-operator");
            });
    assertThat(peers(Dependency.MILVUS)).hasSize(1);
    assertThat(peers(Dependency.OBJECT_STORE)).hasSize(1);
  }
}
