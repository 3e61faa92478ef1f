package io.imagesearch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagesearch.testsupport.DashboardMetrics;
import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.Http;
import io.imagesearch.testsupport.MilvusServer;
import io.imagesearch.testsupport.MinioServer;
import io.imagesearch.testsupport.RedisServer;
import io.imagesearch.testsupport.SharedServers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The alert rules are valid for promtool, and every metric a dashboard panel or a rule queries is
 * exposed by at least one running service.
 */
@ExtendWith(SharedServers.class)
class ObservabilityIT {

  private static final Path OBSERVABILITY = DashboardMetrics.OBSERVABILITY;

  @Test
  void alertRulesPassPromtool() throws Exception {
    String promtool = System.getenv().getOrDefault("PROMTOOL_BIN", "/usr/bin/promtool");
    Process process =
        new ProcessBuilder(
                promtool, "check", "rules", OBSERVABILITY.resolve("alerts.yml").toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("SUCCESS: 5 rules found");
  }

  @Test
  void everyQueriedMetricIsExposed(RedisServer redis, MinioServer minio) throws Exception {
    try (MilvusServer milvus = MilvusServer.start();
        Platform platform = new Platform(redis, minio, milvus).startApis()) {
      WorkerProcess worker = platform.startWorker("metrics");
      List<Uploads.Upload> uploads = Uploads.uploadAll(platform, HeldoutSet.all().subList(0, 3));
      Uploads.awaitAllFinal(
          platform, uploads.stream().map(Uploads.Upload::taskId).toList(), Duration.ofMinutes(3));
      String id =
          Uploads.status(platform, uploads.getFirst().taskId())
              .path("result")
              .path("image_id")
              .asText();
      platform.get(platform.searchUrl("/api/v1/image/search?text=red"));
      platform.get(platform.cdnUrl("/images/" + id));
      platform.get(platform.cdnUrl("/images/" + id));

      Set<String> exposed = new HashSet<>();
      // The APIs' management ports, where Prometheus scrapes without an API key.
      for (String base :
          List.of(
              platform.managementUrl(platform.ingest, ""),
              platform.managementUrl(platform.search, ""),
              platform.managementUrl(platform.cdn, ""),
              "http://127.0.0.1:" + worker.port)) {
        exposed.addAll(scrape(base + "/actuator/prometheus"));
      }

      Set<String> queried = DashboardMetrics.queried();
      // The extraction itself: names from panels and rules, no PromQL keywords or labels.
      assertThat(queried)
          .contains(
              "imagesearch_queue_backlog",
              "imagesearch_embedding_latency_seconds_bucket",
              "http_server_requests_seconds_count",
              "cache_gets_total",
              "up")
          .doesNotContain("sum", "rate", "le", "job", "status", "histogram_quantile");
      Set<String> missing = new HashSet<>(queried);
      missing.removeAll(exposed);
      missing.removeAll(DashboardMetrics.SYNTHETIC);
      missing.removeAll(DashboardMetrics.AFTER_A_RECALL_GATE);
      assertThat(missing).as("queried but exposed by no service").isEmpty();
    }
  }

  private static Set<String> scrape(String url) {
    String[] text = new String[1];
    await()
        .atMost(Duration.ofMinutes(1))
        .until(
            () -> {
              var response = Http.get(URI.create(url));
              text[0] = new String(response.body(), StandardCharsets.UTF_8);
              return response.statusCode() == 200;
            });
    Set<String> names = new HashSet<>();
    for (String line : text[0].split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }
}
