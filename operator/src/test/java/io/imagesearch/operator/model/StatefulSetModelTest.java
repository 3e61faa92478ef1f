package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.InClusterSpec.DeletionPolicy;
import org.junit.jupiter.api.Test;

class StatefulSetModelTest {

  private final ImageSearchCluster cluster = TestClusters.demo().build();

  @Test
  void everyDependencyRunsAsNonRootOnAReadOnlyRoot() {
    for (Dependency dependency : Dependency.values()) {
      var pod = StatefulSetModel.build(cluster, dependency).getSpec().getTemplate().getSpec();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(pod.getSecurityContext().getRunAsUser())
          .isEqualTo(dependency.workload().runAsUser());
      assertThat(pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem())
          .isTrue();
    }
  }

  @Test
  void statefulSetKeepsOrDeletesItsVolumeAsThePolicySays() {
    StatefulSet retained = StatefulSetModel.build(cluster, Dependency.REDIS);
    assertThat(retained.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted())
        .isEqualTo("Retain");
    assertThat(storage(retained)).isEqualTo(new Quantity("10Gi"));

    ImageSearchCluster deleting =
        TestClusters.demo()
            .editSpec()
            .withMilvus(TestClusters.inCluster(DeletionPolicy.Delete, "50Gi"))
            .endSpec()
            .build();

    StatefulSet deleted = StatefulSetModel.build(deleting, Dependency.MILVUS);
    assertThat(deleted.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted())
        .isEqualTo("Delete");
    assertThat(storage(deleted)).isEqualTo(new Quantity("50Gi"));
  }

  private static Quantity storage(StatefulSet statefulSet) {
    return statefulSet
        .getSpec()
        .getVolumeClaimTemplates()
        .get(0)
        .getSpec()
        .getResources()
        .getRequests()
        .get("storage");
  }
}
