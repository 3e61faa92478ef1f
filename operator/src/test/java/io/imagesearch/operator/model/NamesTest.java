package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.imagesearch.operator.api.ImageSearchCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void everyChildIsLabelledAndOwnedByTheCluster() {
    ImageSearchCluster cluster =
        TestClusters.demo()
            .editSpec()
            .editMonitoring()
            .withGrafanaDashboards(true)
            .endMonitoring()
            .endSpec()
            .build();
    List<HasMetadata> children =
        List.of(
            DeploymentModel.build(cluster, Component.CDN, 1),
            ServiceModel.forComponent(cluster, Component.CDN),
            ServiceModel.forDependency(cluster, Dependency.OBJECT_STORE),
            StatefulSetModel.build(cluster, Dependency.OBJECT_STORE),
            ConfigMapModel.build(cluster),
            CredentialsModel.build(cluster, Map.of()),
            PdbModel.build(cluster, Component.CDN),
            NetworkPolicyModel.build(cluster, Dependency.REDIS),
            ComponentNetworkPolicyModel.build(cluster, Component.CDN),
            MonitoringModel.serviceMonitor(cluster),
            MonitoringModel.prometheusRule(cluster),
            GrafanaDashboardsModel.build(cluster));
    for (HasMetadata child : children) {
      assertThat(child.getMetadata().getNamespace()).isEqualTo("ns");
      assertThat(child.getMetadata().getLabels())
          .containsEntry("app.kubernetes.io/instance", "demo")
          .containsEntry("app.kubernetes.io/managed-by", "imagesearch-operator")
          .containsEntry("app.kubernetes.io/part-of", "imagesearch")
          .containsKey("app.kubernetes.io/component");
      assertThat(child.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(
              ref -> {
                assertThat(ref.getUid()).isEqualTo("uid-1");
                assertThat(ref.getKind()).isEqualTo("ImageSearchCluster");
                assertThat(ref.getController()).isTrue();
              });
    }
  }

  @Test
  void theSelectorTheInformersUseMatchesTheChildrensLabel() {
    assertThat(Names.MANAGED_BY_SELECTOR)
        .isEqualTo("app.kubernetes.io/managed-by=imagesearch-operator");
    assertThat(Names.labels(TestClusters.demo().build(), "cdn"))
        .containsEntry(Names.MANAGED_BY_LABEL, Names.MANAGED_BY);
  }
}
