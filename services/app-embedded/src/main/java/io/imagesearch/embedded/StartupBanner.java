package io.imagesearch.embedded;

import io.imagesearch.application.SearchService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Tells the user where to point the browser, who can reach it, and, for an empty library, how to
 * fill it.
 */
@Component
@Order(StartupBanner.ORDER)
class StartupBanner implements ApplicationListener<WebServerInitializedEvent> {

  /** Before {@link FirstAdminKey}, whose message ends the start-up. */
  static final int ORDER = 0;

  private static final Logger LOG = LoggerFactory.getLogger(StartupBanner.class);

  private final SearchService search;
  private final EmbeddedProperties props;
  private final Environment environment;

  StartupBanner(SearchService search, EmbeddedProperties props, Environment environment) {
    this.search = search;
    this.props = props;
    this.environment = environment;
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    int port = event.getWebServer().getPort();
    LOG.info(
        "Image Search is running at http://localhost:{}/ (data in {})",
        port,
        props.dataDir().toAbsolutePath());
    String address = environment.getProperty("server.address");
    if (isLoopback(address)) {
      LOG.info(
          "Listening on {} only: other machines cannot reach it (BIND_ADDRESS=0.0.0.0 opens it)",
          address);
    } else {
      LOG.info("Listening on {}: reachable from the network", address == null ? "*" : address);
    }
    LOG.info("API documentation: http://localhost:{}/swagger-ui.html", port);
    if (search.indexedCount() == 0) {
      LOG.info(
          "The library is empty: open the page and click \"Load demo images\", drop your own,"
              + " or run `make import DIR=/path/to/photos`.");
    }
  }

  private static boolean isLoopback(String address) {
    if (address == null || address.isBlank()) {
      return false;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
