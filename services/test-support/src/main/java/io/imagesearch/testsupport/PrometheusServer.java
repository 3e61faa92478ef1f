package io.imagesearch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Debian's Prometheus on a free loopback port, scraping what its configuration says. */
public final class PrometheusServer implements AutoCloseable {
  static final ServerBinary BINARY =
      ServerBinary.resolve("prometheus", "PROMETHEUS_BIN", Path.of("/usr/bin/prometheus"));

  private final int port;
  private final ServerProcess process;

  private PrometheusServer(int port, Path config, Path dataDir) {
    this.port = port;
    this.process =
        new ServerProcess(
            "prometheus",
            List.of(
                BINARY.require().toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dataDir,
                "--web.listen-address=127.0.0.1:" + port),
            Map.of(),
            new HttpProbe("http://127.0.0.1:" + port + "/-/ready"),
            Duration.ofSeconds(60));
  }

  /** Starts a server with {@code configYaml}; the caller closes it. */
  public static PrometheusServer start(String configYaml) {
    try {
      Path dir = Files.createTempDirectory("prometheus-");
      Path config = Files.writeString(dir.resolve("prometheus.yml"), configYaml);
      PrometheusServer server = new PrometheusServer(FreePort.find(), config, dir.resolve("data"));
      server.process.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Prometheus configuration", e);
    }
  }

  /** Names of every metric with at least one series. */
  public Set<String> metricNames() {
    JsonNode body = api("/api/v1/label/__name__/values");
    Set<String> names = new HashSet<>();
    body.path("data").forEach(n -> names.add(n.asText()));
    return names;
  }

  /** The scrape targets' health by scrape URL ("up", "down", "unknown"). */
  public Map<String, String> targetHealth() {
    JsonNode body = api("/api/v1/targets?state=active");
    java.util.TreeMap<String, String> health = new java.util.TreeMap<>();
    body.path("data")
        .path("activeTargets")
        .forEach(t -> health.put(t.path("scrapeUrl").asText(), t.path("health").asText()));
    return health;
  }

  /** Result of an instant query. */
  public JsonNode query(String promql) {
    return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
  }

  private JsonNode api(String pathAndQuery) {
    return Http.json(Http.get(URI.create("http://127.0.0.1:" + port + pathAndQuery)));
  }

  @Override
  public void close() {
    process.close();
  }
}
