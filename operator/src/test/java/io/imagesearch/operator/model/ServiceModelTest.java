package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServicePort;
import io.imagesearch.operator.api.ImageSearchCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceModelTest {

  private final ImageSearchCluster cluster = TestClusters.demo().build();

  @Test
  void eachServiceExposesItsHttpAndManagementPortsByName() {
    for (Component component :
        List.of(Component.INGEST_API, Component.WORKER, Component.SEARCH_API)) {
      var ports = ServiceModel.forComponent(cluster, component).getSpec().getPorts();

      assertThat(ports)
          .extracting(ServicePort::getName, p -> p.getPort(), p -> p.getTargetPort().getIntVal())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("http", 8080, 8080),
              org.assertj.core.groups.Tuple.tuple("management", 9090, 9090));
    }
  }

  @Test
  void theCdnAlsoExposesItsDeliveryPort() {
    var ports = ServiceModel.forComponent(cluster, Component.CDN).getSpec().getPorts();

    assertThat(ports)
        .extracting(ServicePort::getName, p -> p.getPort(), p -> p.getTargetPort().getIntVal())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("http", 8080, 8080),
            org.assertj.core.groups.Tuple.tuple("delivery", 8085, 8085),
            org.assertj.core.groups.Tuple.tuple("management", 9090, 9090));
  }
}
