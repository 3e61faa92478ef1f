package io.imagesearch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imagesearch.operator.api.AutoscalingSpec;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.MonitoringSpec;
import io.imagesearch.operator.optional.PrometheusRule;
import io.imagesearch.operator.optional.ScaledObject;
import io.imagesearch.operator.optional.ServiceMonitor;
import io.imagesearch.operator.reconciler.OptionalKind;
import io.imagesearch.testsupport.KubeApiServer;
import io.imagesearch.testsupport.RepositoryRoot;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ServiceMonitor, PrometheusRule and KEDA ScaledObject, each created only where its CRD exists.
 * CRDs are cluster-wide, so each test has an API server of its own.
 */
class OptionalKindsIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private KubeApiServer server;
  private KubernetesClient client;
  private Operator operator;
  private String namespace;

  @BeforeEach
  void start() throws IOException {
    server = KubeApiServer.start();
    client = server.newClient();
    TestCluster.applyCrd(client);
    namespace = TestCluster.newNamespace(client, "optional");
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.stop();
    }
    client.close();
    server.close();
  }

  @Test
  void withTheirCrdsTheClusterGetsItsServiceMonitorPrometheusRuleAndScaledObject()
      throws IOException {
    installOptionalCrds();
    startOperator();
    ImageSearchCluster cluster = cluster("observed");
    monitored(cluster);
    scaledByKeda(cluster);
    client.resource(cluster).inNamespace(namespace).create();

    await().atMost(WAIT).until(() -> serviceMonitor("observed") != null);
    await().atMost(WAIT).until(() -> prometheusRule("observed") != null);
    await().atMost(WAIT).until(() -> scaledObject("observed") != null);
    assertMonitoring("observed");
    assertScaledObject("observed");
  }

  @Test
  void withoutTheirCrdsTheClusterIsReadyAndGetsThemOnceTheyAreInstalled() throws IOException {
    assertThat(client.resources(CustomResourceDefinition.class).list().getItems())
        .extracting(c -> c.getMetadata().getName())
        .doesNotContainAnyElementsOf(
            Arrays.stream(OptionalKind.values()).map(OptionalKind::crd).toList());
    startOperator();
    // Apart, so that only the monitored one lacks the backlog polling of autoscaling.
    ImageSearchCluster monitoredCluster = cluster("monitored");
    monitored(monitoredCluster);
    ImageSearchCluster scaledCluster = cluster("scaled");
    scaledByKeda(scaledCluster);
    client.resource(monitoredCluster).inNamespace(namespace).create();
    client.resource(scaledCluster).inNamespace(namespace).create();

    await().atMost(WAIT).until(() -> count(StatefulSet.class) == 6);
    TestCluster.markStatefulSetsReady(client, namespace);
    await().atMost(WAIT).until(() -> count(Deployment.class) == 8);
    TestCluster.markDeploymentsReady(client, namespace);
    await().atMost(WAIT).until(() -> ready("monitored") && ready("scaled"));

    // Nothing changes on the clusters: the reconciler's poll notices the CRDs.
    installOptionalCrds();
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                serviceMonitor("monitored") != null
                    && prometheusRule("monitored") != null
                    && scaledObject("scaled") != null);
    assertMonitoring("monitored");
    assertScaledObject("scaled");
    assertThat(serviceMonitor("scaled")).isNull();
    assertThat(scaledObject("monitored")).isNull();
  }

  private void assertMonitoring(String name) throws IOException {
    ServiceMonitor monitor = serviceMonitor(name);
    assertOwnedBy(monitor, name);
    assertThat(monitor.getSpec())
        .containsEntry("jobLabel", "app.kubernetes.io/component")
        .containsEntry(
            "selector",
            Map.of(
                "matchLabels",
                Map.of(
                    "app.kubernetes.io/name", "imagesearch", "app.kubernetes.io/instance", name)))
        .containsEntry(
            "endpoints", List.of(Map.of("port", "management", "path", "/actuator/prometheus")));

    PrometheusRule rule = prometheusRule(name);
    assertOwnedBy(rule, name);
    String alerts = Files.readString(RepositoryRoot.find().resolve("observability/alerts.yml"));
    assertThat(rule.getSpec().get("groups"))
        .isEqualTo(client.getKubernetesSerialization().unmarshal(alerts, Map.class).get("groups"));
  }

  private void assertScaledObject(String name) {
    ScaledObject scaled = scaledObject(name);
    assertOwnedBy(scaled, name);
    assertThat(scaled.getSpec())
        .containsEntry("scaleTargetRef", Map.of("name", name + "-worker"))
        .containsEntry("minReplicaCount", 2)
        .containsEntry("maxReplicaCount", 7);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> triggers =
        (List<Map<String, Object>>) scaled.getSpec().get("triggers");
    assertThat(triggers)
        .singleElement()
        .satisfies(
            trigger -> {
              assertThat(trigger).containsEntry("type", "redis-streams");
              assertThat((Map<String, Object>) trigger.get("metadata"))
                  .containsEntry("stream", "imagesearch:tasks")
                  .containsEntry("consumerGroup", "workers")
                  .containsEntry("address", name + "-redis." + namespace + ".svc:6379");
            });
  }

  private static void assertOwnedBy(HasMetadata child, String cluster) {
    assertThat(child.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            ref -> {
              assertThat(ref.getKind()).isEqualTo("ImageSearchCluster");
              assertThat(ref.getName()).isEqualTo(cluster);
              assertThat(ref.getController()).isTrue();
            });
  }

  private void installOptionalCrds() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/optional-crds.yaml")) {
      TestCluster.applyCrds(client, in);
    }
  }

  private void startOperator() {
    operator = TestCluster.operator(client, namespace, Metrics.NOOP);
    operator.start();
  }

  private ImageSearchCluster cluster(String name) {
    return TestCluster.cluster(name, namespace);
  }

  private static void monitored(ImageSearchCluster cluster) {
    cluster.getSpec().monitoring = new MonitoringSpec();
    cluster.getSpec().monitoring.serviceMonitor = true;
    cluster.getSpec().monitoring.prometheusRule = true;
  }

  private static void scaledByKeda(ImageSearchCluster cluster) {
    AutoscalingSpec autoscaling = new AutoscalingSpec();
    autoscaling.mode = AutoscalingSpec.Mode.keda;
    autoscaling.min = 2;
    autoscaling.max = 7;
    cluster.getSpec().worker.autoscaling = autoscaling;
  }

  private boolean ready(String name) {
    ImageSearchCluster c =
        client.resources(ImageSearchCluster.class).inNamespace(namespace).withName(name).get();
    return c.getStatus() != null
        && c.getStatus().conditions.stream()
            .anyMatch(x -> x.getType().equals("Ready") && x.getStatus().equals("True"));
  }

  private <T extends HasMetadata> int count(Class<T> type) {
    return client.resources(type).inNamespace(namespace).list().getItems().size();
  }

  private ServiceMonitor serviceMonitor(String cluster) {
    return child(ServiceMonitor.class, cluster + "-services");
  }

  private PrometheusRule prometheusRule(String cluster) {
    return child(PrometheusRule.class, cluster + "-services");
  }

  private ScaledObject scaledObject(String cluster) {
    return child(ScaledObject.class, cluster + "-worker");
  }

  private <T extends HasMetadata> T child(Class<T> type, String name) {
    return client.resources(type).inNamespace(namespace).withName(name).get();
  }
}
