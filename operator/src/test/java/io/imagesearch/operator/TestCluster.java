package io.imagesearch.operator;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterBuilder;
import io.imagesearch.operator.model.ImageDefaults;
import io.imagesearch.operator.scaling.BacklogSource;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Helpers for tests against a real API server: CRDs, namespaces, workload readiness. */
final class TestCluster {
  private TestCluster() {}

  static void applyCrd(KubernetesClient client) throws IOException {
    applyCrds(
        client,
        new ByteArrayInputStream(CrdUpToDateTest.generated().getBytes(StandardCharsets.UTF_8)));
  }

  /** Applies the CRDs of a YAML stream and waits until the server serves each. */
  static void applyCrds(KubernetesClient client, InputStream yaml) {
    var crds = client.apiextensions().v1().customResourceDefinitions();
    for (HasMetadata crd : client.load(yaml).items()) {
      client.resource(crd).forceConflicts().serverSideApply();
      crds.withName(crd.getMetadata().getName())
          .waitUntilCondition(
              c ->
                  c.getStatus() != null
                      && c.getStatus().getConditions() != null
                      && c.getStatus().getConditions().stream()
                          .anyMatch(
                              x ->
                                  "Established".equals(x.getType())
                                      && "True".equals(x.getStatus())),
              60,
              TimeUnit.SECONDS);
    }
  }

  /** A cluster of version 1.0.0 with every other field defaulted. */
  static ImageSearchCluster cluster(String name, String namespace) {
    return new ImageSearchClusterBuilder()
        .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build())
        .withNewSpec()
        .withVersion("1.0.0")
        .endSpec()
        .build();
  }

  /** Edits a cluster, retrying a 409 from the operator's concurrent status write. */
  static void edit(
      KubernetesClient client,
      String namespace,
      String name,
      Duration wait,
      Consumer<ImageSearchCluster> change) {
    await()
        .atMost(wait)
        .ignoreExceptionsInstanceOf(KubernetesClientException.class)
        .until(
            () -> {
              client
                  .resources(ImageSearchCluster.class)
                  .inNamespace(namespace)
                  .withName(name)
                  .edit(
                      c -> {
                        change.accept(c);
                        return c;
                      });
              return true;
            });
  }

  /** The operator as tests run it in-process: one namespace, no leader election, no backlog. */
  static Operator operator(KubernetesClient client, String namespace, Metrics metrics) {
    return OperatorFactory.create(
        client,
        new OperatorSettings(Set.of(namespace), false, "unused", null, 0, ImageDefaults.BUILT_IN),
        BacklogSource.UNKNOWN,
        Clock.systemUTC(),
        false,
        metrics);
  }

  /** What the kubelet would report once every StatefulSet's pods are ready. */
  static void markStatefulSetsReady(KubernetesClient client, String namespace) {
    for (StatefulSet s : client.apps().statefulSets().inNamespace(namespace).list().getItems()) {
      s.setStatus(
          new StatefulSetStatusBuilder()
              .withReplicas(1)
              .withReadyReplicas(1)
              .withAvailableReplicas(1)
              .withCurrentReplicas(1)
              .withUpdatedReplicas(1)
              .withObservedGeneration(s.getMetadata().getGeneration())
              .build());
      client.resource(s).updateStatus();
    }
  }

  /** What the Deployment controller would report once every Deployment's pods are ready. */
  static void markDeploymentsReady(KubernetesClient client, String namespace) {
    for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
      int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
      d.setStatus(
          new DeploymentStatusBuilder()
              .withReplicas(replicas)
              .withReadyReplicas(replicas)
              .withAvailableReplicas(replicas)
              .withUpdatedReplicas(replicas)
              .withObservedGeneration(d.getMetadata().getGeneration())
              .build());
      client.resource(d).updateStatus();
    }
  }

  static String newNamespace(KubernetesClient client, String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  /** A namespace of a fixed name, which tests sharing the API server may already have made. */
  static void ensureNamespace(KubernetesClient client, String name) {
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .serverSideApply();
  }
}
