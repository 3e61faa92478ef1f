package io.imagesearch.operator.model;

import static io.imagesearch.operator.model.PodParts.container;
import static io.imagesearch.operator.model.PodParts.env;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.imagesearch.operator.api.ImageSearchCluster;
import org.junit.jupiter.api.Test;

class CdnDeliveryTest {
  private static final long MIB = 1024 * 1024;

  private final ImageSearchCluster apiKeysOnly = TestClusters.demo().build();

  private final ImageSearchCluster withOidc =
      TestClusters.demo()
          .editSpec()
          .editSecurity()
          .withOidc(TestClusters.oidc("https://issuer.example.com", "imagesearch", null))
          .endSecurity()
          .endSpec()
          .build();

  @Test
  void theDeliveryPortServesTheIngressUnlessOidcTokensMustBeAccepted() {
    assertThat(CdnDelivery.servesIngress(apiKeysOnly)).isTrue();
    assertThat(CdnDelivery.ingressPortName(apiKeysOnly)).isEqualTo("delivery");
    assertThat(CdnDelivery.servesIngress(withOidc)).isFalse();
    assertThat(CdnDelivery.ingressPortName(withOidc)).isEqualTo("http");
  }

  @Test
  void theCdnContainerDeclaresItsDeliveryPortAndTheOthersDoNot() {
    assertThat(container(DeploymentModel.build(apiKeysOnly, Component.CDN, 1)).getPorts())
        .extracting(ContainerPort::getName, ContainerPort::getContainerPort)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("http", 8080),
            org.assertj.core.groups.Tuple.tuple("delivery", 8085),
            org.assertj.core.groups.Tuple.tuple("management", 9090));
    assertThat(container(DeploymentModel.build(apiKeysOnly, Component.SEARCH_API, 1)).getPorts())
        .extracting(ContainerPort::getName)
        .containsExactly("http", "management");
  }

  @Test
  void byDefaultTheDeliveryCacheGets128MiAndTheHttpPortsCache32MiOf640Mi() {
    Container cdn = container(DeploymentModel.build(apiKeysOnly, Component.CDN, 1));

    assertThat(cdn.getResources().getLimits().get("memory")).isEqualTo(new Quantity("640Mi"));
    assertThat(cdn.getResources().getRequests().get("memory")).isEqualTo(new Quantity("640Mi"));
    assertThat(env(cdn, "IMAGESEARCH_DELIVERY_PORT")).isEqualTo("8085");
    assertThat(mib(env(cdn, "IMAGESEARCH_DELIVERY_CACHE_BYTES"))).isEqualTo(128);
    assertThat(mib(env(cdn, "IMAGESEARCH_CDN_CACHE_BYTES"))).isEqualTo(32);
    assertThat(env(cdn, "JAVA_TOOL_OPTIONS"))
        .contains("-XX:MaxRAMPercentage=30 ")
        .contains("-XX:MaxDirectMemorySize=" + (640 * MIB / 100 * 30) + " ")
        .endsWith("-Djava.io.tmpdir=/tmp");
  }

  @Test
  void underOidcTheHttpPortsHeapCacheIsTheBigOneAndTheHeapGrowsForIt() {
    Container cdn = container(DeploymentModel.build(withOidc, Component.CDN, 1));

    assertThat(mib(env(cdn, "IMAGESEARCH_DELIVERY_CACHE_BYTES"))).isEqualTo(32);
    assertThat(mib(env(cdn, "IMAGESEARCH_CDN_CACHE_BYTES"))).isEqualTo(128);
    assertThat(env(cdn, "JAVA_TOOL_OPTIONS"))
        .contains("-XX:MaxRAMPercentage=45 ")
        .contains("-XX:MaxDirectMemorySize=" + (640 * MIB / 100 * 15) + " ");
  }

  @Test
  void eachCacheFitsItsMemoryAndTheJvmLeavesRoomForItsNativeMemory() {
    for (ImageSearchCluster cluster : new ImageSearchCluster[] {apiKeysOnly, withOidc}) {
      for (String limit : new String[] {"512Mi", "640Mi", "2Gi"}) {
        CdnDelivery.Budget budget = CdnDelivery.budget(cluster, new Quantity(limit));
        long heap = budget.limitBytes() / 100 * budget.heapPercent();

        // Half the heap at most for the HTTP port's cache, the rest for the application; the
        // direct memory holds the delivery cache and a tenth of the limit for Netty's buffers; 40%
        // is left for metaspace, code cache and thread stacks.
        assertThat(budget.httpCacheBytes()).isLessThanOrEqualTo(heap / 2);
        assertThat(budget.directPercent() - budget.deliveryCachePercent())
            .isGreaterThanOrEqualTo(10);
        assertThat(budget.heapPercent() + budget.directPercent()).isLessThanOrEqualTo(60);
        assertThat(budget.deliveryCacheBytes()).isLessThan(budget.directBytes());
      }
    }
  }

  @Test
  void aLimitTheUserSetsScalesEveryShare() {
    ImageSearchCluster big =
        TestClusters.demo()
            .editSpec()
            .editCdn()
            .withResources(
                new ResourceRequirementsBuilder()
                    .addToLimits("memory", new Quantity("2Gi"))
                    .addToRequests("memory", new Quantity("2Gi"))
                    .build())
            .endCdn()
            .endSpec()
            .build();

    Container cdn = container(DeploymentModel.build(big, Component.CDN, 1));

    assertThat(Long.parseLong(env(cdn, "IMAGESEARCH_DELIVERY_CACHE_BYTES")))
        .isEqualTo(2048 * MIB / 100 * 20);
    assertThat(env(cdn, "JAVA_TOOL_OPTIONS"))
        .contains("-XX:MaxDirectMemorySize=" + (2048 * MIB / 100 * 30) + " ");
  }

  private static long mib(String bytes) {
    return Math.round(Long.parseLong(bytes) / (double) MIB);
  }
}
