package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkPolicyModelTest {

  private static List<NetworkPolicyPeer> peers(Dependency dependency) {
    NetworkPolicy policy = NetworkPolicyModel.build(ChildModelsTest.cluster(), dependency);
    return policy.getSpec().getIngress().getFirst().getFrom();
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
