package io.imagesearch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imagesearch.operator.reconciler.ImageSearchClusterReconciler;
import io.imagesearch.testsupport.KubeApiServer;
import io.imagesearch.testsupport.SharedServers;
import io.javaoperatorsdk.operator.Operator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /metrics on the health port, scraped after the operator reconciled a cluster. */
@ExtendWith(SharedServers.class)
class OperatorMetricsIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void metricsCountTheClustersReconciliationsAndDescribeTheJvm(KubeApiServer server)
      throws Exception {
    try (KubernetesClient client = server.newClient();
        OperatorMetrics metrics = new OperatorMetrics()) {
      TestCluster.applyCrd(client);
      String namespace = TestCluster.newNamespace(client, "metrics");
      Operator operator = TestCluster.operator(client, namespace, metrics.reconciliation());
      operator.start();
      try (HealthServer health = HealthServer.start(0, operator, metrics)) {
        client.resource(TestCluster.cluster("counted", namespace)).create();
        await()
            .atMost(WAIT)
            .until(
                () -> client.resources(StatefulSet.class).inNamespace(namespace).list().getItems(),
                items -> items.size() == 3);

        HttpResponse<String> response = get(health, "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> {
                  PrometheusText scraped = new PrometheusText(get(health, "/metrics").body());
                  assertThat(
                          scraped.sum(
                              "operator_sdk_reconciliations_success_total",
                              "kind=\"ImageSearchCluster\""))
                      .isPositive();
                  assertThat(
                          scraped.sum(
                              "operator_sdk_controllers_execution_reconcile_success_total",
                              "controller=\"" + ImageSearchClusterReconciler.NAME + "\""))
                      .isPositive();
                  assertThat(scraped.sum("jvm_memory_used_bytes", "area=\"heap\"")).isPositive();
                });
        assertThat(get(health, "/healthz/ready").statusCode()).isEqualTo(200);
      } finally {
        operator.stop();
      }
    }
  }

  private HttpResponse<String> get(HealthServer health, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
