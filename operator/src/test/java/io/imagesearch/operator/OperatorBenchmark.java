package io.imagesearch.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
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
      Operator operator = TestCluster.operator(client, namespace, Metrics.NOOP);
      operator.start();
      AtomicInteger writes = new AtomicInteger();
      List<Watch> watches = watchWrites(client, namespace, writes);

      ImageSearchCluster cluster = TestCluster.cluster("bench", namespace);

      long start = System.nanoTime();
      client.resource(cluster).inNamespace(namespace).create();
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
      Thread.sleep(idleSeconds * 1000L);
      int idleWrites = writes.get();

      System.gc();
      Runtime rt = Runtime.getRuntime();
      long heapMiB = (rt.totalMemory() - rt.freeMemory()) >> 20;
      watches.forEach(Watch::close);
      operator.stop();
      System.out.printf(
          "{\"create_to_dependencies_ms\": %d, \"create_to_all_children_ms\": %d,"
              + " \"create_to_ready_ms\": %d, \"api_writes_for_one_spec_change\": %d,"
              + " \"idle_seconds\": %d, \"idle_api_writes\": %d, \"heap_used_mib_after_gc\": %d}%n",
          dependenciesMs,
          allChildrenMs,
          readyMs,
          writesForSpecChange,
          idleSeconds,
          idleWrites,
          heapMiB);
    }
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
