package io.imagesearch.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A web site of another origin on loopback, serving fixed pages: the attacker's pages of the
 * cross-site tests. The browser reaches it under a host name of its own ({@link #url()}), mapped to
 * 127.0.0.1 by the browser, so it is another site, not only another port.
 */
public final class ForeignSite implements AutoCloseable {

  /** The host name the pages are served under; {@code .example} is reserved for documentation. */
  public static final String HOST = "evil.example";

  private final HttpServer server;

  private ForeignSite(HttpServer server) {
    this.server = server;
  }

  /** Serves each page (path to HTML) until closed. */
  public static ForeignSite serve(Map<String, String> pages) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            String page = pages.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "not here" : page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
      return new ForeignSite(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI url() {
    return URI.create("http://" + HOST + ":" + server.getAddress().getPort() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
