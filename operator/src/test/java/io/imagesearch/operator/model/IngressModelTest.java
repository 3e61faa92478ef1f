package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.operator.api.ImageSearchCluster;
import org.junit.jupiter.api.Test;

class IngressModelTest {

  @Test
  void ingressKeepsTlsAndNamesServicePortsByName() {
    ImageSearchCluster cluster =
        TestClusters.withIngress("images.example.com")
            .editSpec()
            .editIngress()
            .withTlsSecretName("tls")
            .endIngress()
            .endSpec()
            .build();

    var ingress = IngressModel.build(cluster);

    assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("tls");
    assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths())
        .allSatisfy(
            p ->
                assertThat(p.getBackend().getService().getPort().getName())
                    .isEqualTo(p.getPath().matches("/(images|thumbnails)") ? "delivery" : "http"));
  }
}
