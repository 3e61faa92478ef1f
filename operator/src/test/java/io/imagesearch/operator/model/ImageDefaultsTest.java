package io.imagesearch.operator.model;

import static io.imagesearch.operator.model.PodParts.container;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.Images.PullPolicy;
import org.junit.jupiter.api.Test;

class ImageDefaultsTest {

  private final ImageSearchCluster cluster = TestClusters.demo().build();

  @Test
  void registryAndPullPolicyApplyToEveryContainerUnlessOverridden() {
    ImageDefaults local =
        new ImageDefaults(
            "imagesearch.local",
            PullPolicy.Never,
            "imagesearch.local/redis:7",
            "imagesearch.local/milvus-lite-standin:3.2.2",
            "imagesearch.local/minio:dev");

    assertThat(container(DeploymentModel.build(cluster, Component.WORKER, 1, local)).getImage())
        .isEqualTo("imagesearch.local/worker:1.2.3");
    assertThat(container(StatefulSetModel.build(cluster, Dependency.MILVUS, local)).getImage())
        .isEqualTo("imagesearch.local/milvus-lite-standin:3.2.2");

    // The cluster's own fields win over the operator's defaults.
    ImageSearchCluster overridden =
        TestClusters.demo()
            .editSpec()
            .editImages()
            .withRegistry("registry.example:5000/team")
            .withPullPolicy(PullPolicy.Always)
            .withCdn("cdn.example/cdn@sha256:abc")
            .withRedis("mirror.example/redis:7")
            .endImages()
            .endSpec()
            .build();

    assertThat(container(DeploymentModel.build(overridden, Component.WORKER, 1, local)).getImage())
        .isEqualTo("registry.example:5000/team/worker:1.2.3");
    assertThat(container(DeploymentModel.build(overridden, Component.CDN, 1, local)).getImage())
        .isEqualTo("cdn.example/cdn@sha256:abc");
    for (Component component : Component.values()) {
      assertThat(
              container(DeploymentModel.build(overridden, component, 1, local))
                  .getImagePullPolicy())
          .isEqualTo("Always");
    }
    for (Dependency dependency : Dependency.values()) {
      Container c = container(StatefulSetModel.build(overridden, dependency, local));
      assertThat(c.getImagePullPolicy()).as(dependency.id()).isEqualTo("Always");
    }
    assertThat(container(StatefulSetModel.build(overridden, Dependency.REDIS, local)).getImage())
        .isEqualTo("mirror.example/redis:7");
  }

  @Test
  void builtInDefaultsAreTheUpstreamImages() {
    assertThat(container(DeploymentModel.build(cluster, Component.CDN, 1)).getImagePullPolicy())
        .isEqualTo("IfNotPresent");
    assertThat(container(StatefulSetModel.build(cluster, Dependency.MILVUS)).getImage())
        .isEqualTo("milvusdb/milvus:v2.5.14");
  }
}
