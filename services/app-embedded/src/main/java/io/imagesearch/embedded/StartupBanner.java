package io.imagesearch.embedded;

import io.imagesearch.application.SearchService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Tells the user where to point the browser and, for an empty library, how to fill it. */
@Component
class StartupBanner implements ApplicationListener<WebServerInitializedEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(StartupBanner.class);

  private final SearchService search;
  private final EmbeddedProperties props;

  StartupBanner(SearchService search, EmbeddedProperties props) {
    this.search = search;
    this.props = props;
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    int port = event.getWebServer().getPort();
    LOG.info(
        "Image Search is running at http://localhost:{}/ (data in {})",
        port,
        props.dataDir().toAbsolutePath());
    LOG.info("API documentation: http://localhost:{}/swagger-ui.html", port);
    if (search.indexedCount() == 0) {
      LOG.info(
          "The library is empty: open the page and click \"Load demo images\", drop your own,"
              + " or run `make import DIR=/path/to/photos`.");
    }
  }
}
