package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServicePort;
import io.imagesearch.operator.api.ImageSearchCluster;
import org.junit.jupiter.api.Test;

class ServiceModelTest {

  private final ImageSearchCluster cluster = TestClusters.demo().build();

  @Test
  void eachServiceExposesItsHttpAndManagementPortsByName() {
    for (Component component : Component.values()) {
      var ports = ServiceModel.forComponent(cluster, component).getSpec().getPorts();

      assertThat(ports)
          .extracting(ServicePort::getName, p -> p.getPort(), p -> p.getTargetPort().getIntVal())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("http", 8080, 8080),
              org.assertj.core.groups.Tuple.tuple("management", 9090, 9090));
    }
  }
}
