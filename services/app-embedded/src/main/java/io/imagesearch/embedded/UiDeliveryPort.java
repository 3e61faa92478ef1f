package io.imagesearch.embedded;

import io.imagesearch.delivery.DeliveryPort;
import io.imagesearch.security.web.ConnectSources;
import io.imagesearch.web.DeliveryLink;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;

/**
 * The delivery port as the web UI sees it: the UI asks for the port ({@link DeliveryLink}) and the
 * page's Content-Security-Policy lets it connect there ({@link ConnectSources}). The port speaks
 * plain HTTP, so a page served over HTTPS (behind a TLS proxy) keeps to its own origin.
 */
@Component
class UiDeliveryPort implements DeliveryLink, ConnectSources {

  private final DeliveryPort delivery;

  UiDeliveryPort(DeliveryPort delivery) {
    this.delivery = delivery;
  }

  @Override
  public OptionalInt port() {
    return delivery.port();
  }

  @Override
  public List<String> forRequest(HttpServletRequest request) {
    OptionalInt port = delivery.port();
    if (port.isEmpty() || request.isSecure()) {
      return List.of();
    }
    String host = request.getServerName();
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]"; // an IPv6 literal
    }
    return List.of("http://" + host + ":" + port.getAsInt());
  }
}
