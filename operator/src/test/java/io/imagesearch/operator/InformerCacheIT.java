package io.imagesearch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.model.Names;
import io.imagesearch.operator.reconciler.ImageSearchClusterReconciler;
import io.imagesearch.testsupport.KubeApiServer;
import io.imagesearch.testsupport.SharedServers;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.source.informer.ManagedInformerEventSource;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's informers hold its children only: thousands of unrelated ConfigMaps and Secrets in
 * a watched namespace are neither in its caches nor in its heap.
 */
@ExtendWith(SharedServers.class)
class InformerCacheIT {
  private static final int UNRELATED = 2_000;

  /** Bytes of data in each unrelated object: 2 x 2,000 x 2,048 = 8.2 MB if they were cached. */
  private static final int PAYLOAD = 2048;

  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void unrelatedConfigMapsAndSecretsStayOutOfTheOperatorsCaches(KubeApiServer server)
      throws Exception {
    try (KubernetesClient client = server.newClient()) {
      TestCluster.applyCrd(client);
      String namespace = TestCluster.newNamespace(client, "cache");
      Operator operator = TestCluster.operator(client, namespace, Metrics.NOOP);
      operator.start();
      try {
        client.resource(TestCluster.cluster("cache", namespace)).create();
        await()
            .atMost(WAIT)
            .until(
                () ->
                    client.apps().statefulSets().inNamespace(namespace).list().getItems().size()
                        == 3);
        long heapBefore = settledHeap();

        createUnrelated(client, namespace);
        long heapAfter = settledHeap();
        long heapWithUnfiltered;
        // An informer without the label selector receives them all, so the operator's informers
        // had them in their caches unless the API server filtered them out.
        try (SharedIndexInformer<ConfigMap> unfiltered =
            client.configMaps().inNamespace(namespace).inform()) {
          await().atMost(WAIT).until(() -> unfiltered.getStore().list().size() >= UNRELATED);
          heapWithUnfiltered = settledHeap();
        }

        Map<String, Long> cached = cachedByKind(operator);
        long growth = heapAfter - heapBefore;
        System.out.printf(
            "InformerCacheIT: cached items by informer %s; used heap after GC %d KiB before,"
                + " %d KiB after %d ConfigMaps and %d Secrets of %d bytes each (growth %d KiB);"
                + " %d KiB with one unfiltered ConfigMap informer open%n",
            cached,
            heapBefore / 1024,
            heapAfter / 1024,
            UNRELATED,
            UNRELATED,
            PAYLOAD,
            growth / 1024,
            heapWithUnfiltered / 1024);

        assertThat(cachedItems(operator))
            .isNotEmpty()
            .allSatisfy(
                r ->
                    assertThat(r.getMetadata().getLabels())
                        .containsEntry(Names.MANAGED_BY_LABEL, Names.MANAGED_BY));
        assertThat(cached.getOrDefault("ConfigMap", 0L)).isLessThanOrEqualTo(2);
        assertThat(cached).doesNotContainKey("Secret");
        // The measure sees a cache: the unfiltered informer's holds at least the ConfigMaps' data.
        assertThat(heapWithUnfiltered - heapAfter).isGreaterThan((long) UNRELATED * PAYLOAD);
        // Held, they would take at least their payload, 8.2 MB; half of it is the tolerance.
        assertThat(growth).isLessThan(2L * UNRELATED * PAYLOAD / 2);
      } finally {
        operator.stop();
      }
    }
  }

  private static void createUnrelated(KubernetesClient client, String namespace) throws Exception {
    String payload = "x".repeat(PAYLOAD);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<HasMetadata>> created =
          IntStream.range(0, UNRELATED)
              .boxed()
              .flatMap(
                  i ->
                      List.<HasMetadata>of(
                          new ConfigMapBuilder()
                              .withNewMetadata()
                              .withName("unrelated-" + i)
                              .withNamespace(namespace)
                              .addToLabels("app", "unrelated")
                              .endMetadata()
                              .addToData("payload", payload)
                              .build(),
                          new SecretBuilder()
                              .withNewMetadata()
                              .withName("unrelated-" + i)
                              .withNamespace(namespace)
                              .addToLabels("app", "unrelated")
                              .endMetadata()
                              .addToStringData("payload", payload)
                              .build())
                          .stream())
              .map(object -> pool.submit(() -> client.resource(object).create()))
              .toList();
      for (Future<HasMetadata> f : created) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Every item in the operator's informer caches (the primary's and every child's). */
  private static List<HasMetadata> cachedItems(Operator operator) {
    return informers(operator).stream()
        .filter(source -> !source.resourceType().equals(ImageSearchCluster.class))
        .flatMap(source -> source.list(r -> true))
        .map(HasMetadata.class::cast)
        .toList();
  }

  private static Map<String, Long> cachedByKind(Operator operator) {
    Map<String, Long> counts = new TreeMap<>();
    for (ManagedInformerEventSource<?, ?, ?> source : informers(operator)) {
      counts.merge(
          source.resourceType().getSimpleName(), source.list(r -> true).count(), Long::sum);
    }
    return counts;
  }

  private static List<ManagedInformerEventSource<?, ?, ?>> informers(Operator operator) {
    Controller<?> controller =
        (Controller<?>)
            operator.getRegisteredController(ImageSearchClusterReconciler.NAME).orElseThrow();
    return controller.getEventSourceManager().allEventSources().stream()
        .filter(ManagedInformerEventSource.class::isInstance)
        .<ManagedInformerEventSource<?, ?, ?>>map(s -> (ManagedInformerEventSource<?, ?, ?>) s)
        .toList();
  }

  /** Used heap once the garbage is collected (several collections: finalizers, soft caches). */
  private static long settledHeap() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
