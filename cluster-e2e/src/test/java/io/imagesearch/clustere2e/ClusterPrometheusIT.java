package io.imagesearch.clustere2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagesearch.operator.model.MonitoringModel;
import io.imagesearch.testsupport.DashboardMetrics;
import io.imagesearch.testsupport.PrometheusServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Prometheus (Debian's) scrapes the services' pods the way the operator's ServiceMonitor asks the
 * Prometheus Operator to, and every metric the dashboards and alert rules query has a series.
 */
@ExtendWith(RealClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(7)
class ClusterPrometheusIT {
  private DemoPlatform platform;

  @BeforeAll
  void platform(DemoPlatform platform) {
    this.platform = platform.ready();
  }

  @Test
  void everyMetricTheDashboardsAndAlertsQueryHasASeries() throws Exception {
    ServiceMonitorScrapeConfig scrape =
        new ServiceMonitorScrapeConfig(MonitoringModel.serviceMonitor(platform.resource().get()));
    Path targets = RepoScript.LOG_DIR.resolve("prometheus-targets.json");
    Files.writeString(targets, scrape.targets(platform.client(), DemoPlatform.NAMESPACE));
    IngressGateway gateway = platform.gateway();
    try (PrometheusServer prometheus = PrometheusServer.start(scrape.prometheusYaml(targets))) {
      await("the four services scraped")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> healthyTargets(prometheus.targetHealth()) >= 4);
      // Traffic so that request and cache series exist.
      gateway.get("/api/v1/image/search?text=a%20red%20circle");
      Set<String> queried = DashboardMetrics.queried();
      await("every queried metric has a series")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                Set<String> missing = new HashSet<>(queried);
                missing.removeAll(prometheus.metricNames());
                missing.removeAll(DashboardMetrics.SYNTHETIC);
                missing.removeAll(DashboardMetrics.AFTER_A_RECALL_GATE);
                assertThat(missing).as("queried but with no series").isEmpty();
              });
      // The alert rules group by job = component, as the ServiceMonitor's jobLabel sets it.
      assertThat(prometheus.query("up{job=\"worker\"}").path("data").path("result")).isNotEmpty();
    }
  }

  private static long healthyTargets(Map<String, String> health) {
    return health.values().stream().filter("up"::equals).count();
  }
}
