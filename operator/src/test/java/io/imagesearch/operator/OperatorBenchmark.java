package io.imagesearch.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.testsupport.KubeApiServer;
import io.javaoperatorsdk.operator.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Operator costs against a real kube-apiserver (no kubelet: workload readiness is patched in): time
 * from create to every child present, API writes of one reconcile after a spec change, writes while
 * idle, heap in use. Prints one JSON object. Not a test: run it with {@code
 * tools/bench/operator.sh}.
 */
public final class OperatorBenchmark {

  private static final List<Class<? extends HasMetadata>> CHILD_KINDS =
      List.of(
          ConfigMap.class,
          Secret.class,
          Service.class,
          Deployment.class,
          StatefulSet.class,
          PodDisruptionBudget.class,
          NetworkPolicy.class);

  public static void main(String[] args) throws Exception {
    int idleSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    try (KubeApiServer server = KubeApiServer.start();
        KubernetesClient client = server.newClient()) {
      TestCluster.applyCrd(client);
      String namespace = TestCluster.newNamespace(client, "bench");
      OperatorMetrics metrics = new OperatorMetrics();
      Operator operator = TestCluster.operator(client, namespace, metrics.reconciliation());
      operator.start();
      AtomicInteger writes = new AtomicInteger();
      List<Watch> watches = watchWrites(client, namespace, writes);

      ImageSearchCluster cluster = TestCluster.cluster("bench", namespace);

      // The API server's first create of the kind takes seconds here (it compiles the schema's
      // CEL rules), so the operator's clock starts when the create has returned.
      long callStart = System.nanoTime();
      client.resource(cluster).inNamespace(namespace).create();
      long start = System.nanoTime();
      long createCallMs = (start - callStart) / 1_000_000;
      await(() -> count(client, namespace, StatefulSet.class) == 3);
      long dependenciesMs = (System.nanoTime() - start) / 1_000_000;
      TestCluster.markStatefulSetsReady(client, namespace);
      await(() -> count(client, namespace, Deployment.class) == 4);
      await(() -> count(client, namespace, PodDisruptionBudget.class) == 4);
      long allChildrenMs = (System.nanoTime() - start) / 1_000_000;
      TestCluster.markDeploymentsReady(client, namespace);
      await(() -> ready(client, namespace));
      long readyMs = (System.nanoTime() - start) / 1_000_000;
      Thread.sleep(3000);

      // Baseline: one client creating the same children, one after another, without an operator.
      List<HasMetadata> children = ownedChildren(client, namespace);
      String rawNamespace = TestCluster.newNamespace(client, "bench-raw");
      long rawStart = System.nanoTime();
      for (HasMetadata child : children) {
        client.resource(plainCopy(client, child, rawNamespace)).create();
      }
      long rawCreateMs = (System.nanoTime() - rawStart) / 1_000_000;

      // One reconcile caused by a spec change: what it writes.
      writes.set(0);
      ImageSearchCluster live =
          client.resources(ImageSearchCluster.class).inNamespace(namespace).withName("bench").get();
      live.getSpec().cdn.replicas = 3;
      client.resource(live).update();
      await(
          () ->
              client
                      .apps()
                      .deployments()
                      .inNamespace(namespace)
                      .withName("bench-cdn")
                      .get()
                      .getSpec()
                      .getReplicas()
                  == 3);
      Thread.sleep(3000);
      int writesForSpecChange = writes.get();

      // Idle: a converged cluster with nothing changing.
      writes.set(0);
      double reconcilesBefore = reconciles(metrics);
      Thread.sleep(idleSeconds * 1000L);
      int idleWrites = writes.get();
      double idleReconciles = reconciles(metrics) - reconcilesBefore;

      System.gc();
      Runtime rt = Runtime.getRuntime();
      long heapMiB = (rt.totalMemory() - rt.freeMemory()) >> 20;
      watches.forEach(Watch::close);
      operator.stop();
      System.out.printf(
          "{\"create_call_ms\": %d, \"create_to_dependencies_ms\": %d, \"create_to_all_children_ms\": %d,"
              + " \"create_to_ready_ms\": %d, \"children\": %d,"
              + " \"baseline_one_client_creates_children_ms\": %d,"
              + " \"api_writes_for_one_spec_change\": %d,"
              + " \"idle_seconds\": %d, \"idle_api_writes\": %d, \"idle_reconciles\": %.0f,"
              + " \"reconciles_in_all\": %.0f,"
              + " \"heap_used_mib_after_gc\": %d}%n",
          createCallMs,
          dependenciesMs,
          allChildrenMs,
          readyMs,
          children.size(),
          rawCreateMs,
          writesForSpecChange,
          idleSeconds,
          idleWrites,
          idleReconciles,
          reconciles(metrics),
          heapMiB);
    }
  }

  /** Reconciliations started so far, as the operator's own metrics count them. */
  private static double reconciles(OperatorMetrics metrics) {
    return new PrometheusText(metrics.scrape())
        .sum("operator_sdk_reconciliations_started_total", "kind=\"ImageSearchCluster\"");
  }

  /** Every object of the watched kinds that the cluster owns. */
  private static List<HasMetadata> ownedChildren(KubernetesClient client, String namespace) {
    List<HasMetadata> owned = new ArrayList<>();
    for (Class<? extends HasMetadata> kind : CHILD_KINDS) {
      for (HasMetadata item : client.resources(kind).inNamespace(namespace).list().getItems()) {
        if (!item.getMetadata().getOwnerReferences().isEmpty()) {
          owned.add(item);
        }
      }
    }
    return owned;
  }

  /** The object as a client would first send it: name, labels, annotations and spec only. */
  private static HasMetadata plainCopy(
      KubernetesClient client, HasMetadata object, String namespace) {
    HasMetadata copy = client.getKubernetesSerialization().clone(object);
    copy.setMetadata(
        new ObjectMetaBuilder()
            .withName(object.getMetadata().getName())
            .withNamespace(namespace)
            .withLabels(object.getMetadata().getLabels())
            .withAnnotations(object.getMetadata().getAnnotations())
            .build());
    if (copy instanceof Service service) {
      service.getSpec().setClusterIP(null);
      service.getSpec().setClusterIPs(null);
    }
    return copy;
  }

  private static List<Watch> watchWrites(
      KubernetesClient client, String namespace, AtomicInteger writes) {
    List<Watch> watches = new ArrayList<>();
    for (Class<? extends HasMetadata> kind : CHILD_KINDS) {
      watches.add(client.resources(kind).inNamespace(namespace).watch(counting(writes)));
    }
    watches.add(
        client.resources(ImageSearchCluster.class).inNamespace(namespace).watch(counting(writes)));
    return watches;
  }

  private static <T> Watcher<T> counting(AtomicInteger writes) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T resource) {
        writes.incrementAndGet();
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }

  private static boolean ready(KubernetesClient client, String namespace) {
    ImageSearchCluster c =
        client.resources(ImageSearchCluster.class).inNamespace(namespace).withName("bench").get();
    return c != null && c.getStatus() != null && "Ready".equals(c.getStatus().phase);
  }

  private static long count(
      KubernetesClient client, String namespace, Class<? extends HasMetadata> kind) {
    return client.resources(kind).inNamespace(namespace).list().getItems().size();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the operator did not converge within 2 minutes");
      }
      Thread.sleep(20);
    }
  }
}
