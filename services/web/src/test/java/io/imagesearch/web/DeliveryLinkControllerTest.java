package io.imagesearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class DeliveryLinkControllerTest {

  @Test
  void embeddedModeNamesItsDeliveryPortOnceListening() {
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    int[] bound = {-1};
    beans.addBean(
        "link", (DeliveryLink) () -> bound[0] < 0 ? OptionalInt.empty() : OptionalInt.of(bound[0]));
    DeliveryLinkController controller =
        new DeliveryLinkController(beans.getBeanProvider(DeliveryLink.class));

    assertThat(controller.delivery().port()).isNull();
    bound[0] = 8081;
    assertThat(controller.delivery().port()).isEqualTo(8081);
  }

  @Test
  void withoutOneThePageFetchesFromItsOwnOrigin() {
    DeliveryLinkController controller =
        new DeliveryLinkController(
            new StaticListableBeanFactory().getBeanProvider(DeliveryLink.class));
    assertThat(controller.delivery().port()).isNull();
  }
}
