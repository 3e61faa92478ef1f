package io.imagesearch.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Liveness (/healthz/live: the operator started) and readiness (/healthz/ready: and every informer
 * is healthy) for the kubelet, and /metrics for Prometheus, on the JDK's HTTP server: no web
 * framework for three endpoints.
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  /** Serves on {@code port} (0: any free port, see {@link #port()}). */
  public static HealthServer start(int port, Operator operator, OperatorMetrics metrics)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    var info = operator.getRuntimeInfo();
    server.createContext("/healthz/live", e -> answer(e, info::isStarted));
    server.createContext(
        "/healthz/ready",
        e -> answer(e, () -> info.isStarted() && info.allEventSourcesAreHealthy()));
    server.createContext(
        "/metrics", e -> send(e, 200, OperatorMetrics.CONTENT_TYPE, metrics.scrape()));
    server.start();
    return new HealthServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, BooleanSupplier check) throws IOException {
    boolean ok = check.getAsBoolean();
    send(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok" : "not ready");
  }

  private static void send(HttpExchange exchange, int status, String contentType, String text)
      throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
