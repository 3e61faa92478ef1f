package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.operator.api.ImageSearchCluster;
import org.junit.jupiter.api.Test;

class IngressModelTest {

  private final ImageSearchCluster cluster = TestClusters.demo();

  @Test
  void ingressKeepsTlsAndNamesServicePortsByName() {
    cluster.getSpec().ingress.enabled = true;
    cluster.getSpec().ingress.host = "images.example.com";
    cluster.getSpec().ingress.tlsSecretName = "tls";

    var ingress = IngressModel.build(cluster);

    assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("tls");
    assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths())
        .allSatisfy(
            p -> assertThat(p.getBackend().getService().getPort().getName()).isEqualTo("http"));
  }
}
