package io.imagesearch.clustere2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.imagesearch.operator.api.ImageSearchCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator at rest and across its own restart: it leaves a settled cluster alone. */
@ExtendWith(RealClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(5)
class OperatorRestartIT {
  private DemoPlatform platform;

  @BeforeAll
  void platform(DemoPlatform platform) {
    this.platform = platform.ready();
  }

  @Test
  @Order(1)
  void anIdleClusterCostsTheOperatorFewWrites() throws Exception {
    Map<String, String> before = ChildSnapshot.take(platform.client(), DemoPlatform.NAMESPACE);
    AtomicInteger statusWrites = new AtomicInteger();
    Duration window = Duration.ofSeconds(60);
    try (Watch watch =
        platform
            .client()
            .resources(ImageSearchCluster.class)
            .inNamespace(DemoPlatform.NAMESPACE)
            .watch(counting(statusWrites))) {
      Thread.sleep(window.toMillis());
    }
    Map<String, String> after = ChildSnapshot.take(platform.client(), DemoPlatform.NAMESPACE);
    String node = platform.client().nodes().list().getItems().getFirst().getMetadata().getName();
    PodMemory.rssMiB(platform.client(), node, DemoPlatform.NAMESPACE, OperatorRelease.NAMESPACE)
        .forEach(
            (pod, mib) -> Measurements.record("RSS at idle, MiB: " + pod, String.valueOf(mib)));
    Measurements.record(
        "operator API writes per minute, idle (cluster status; children rewritten)",
        statusWrites.get() + "; " + changed(before, after).size());
    assertThat(changed(before, after)).isEmpty();
  }

  @Test
  @Order(2)
  void aRestartedOperatorRewritesNoChild() {
    Map<String, String> before = ChildSnapshot.take(platform.client(), DemoPlatform.NAMESPACE);
    List<Pod> operators =
        platform.client().pods().inNamespace(OperatorRelease.NAMESPACE).list().getItems();
    operators.forEach(p -> platform.client().pods().resource(p).delete());
    await("a new operator pod Ready")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                platform
                    .client()
                    .pods()
                    .inNamespace(OperatorRelease.NAMESPACE)
                    .list()
                    .getItems()
                    .stream()
                    .anyMatch(
                        p ->
                            Pods.ready(p)
                                && operators.stream()
                                    .noneMatch(
                                        o ->
                                            o.getMetadata()
                                                .getUid()
                                                .equals(p.getMetadata().getUid()))));
    // The new operator reconciles everything once at start; give it that round and a resync.
    await().pollDelay(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(31)).until(() -> true);
    assertThat(changed(before, ChildSnapshot.take(platform.client(), DemoPlatform.NAMESPACE)))
        .isEmpty();
    assertThat(platform.resource().ready()).as(platform.resource().describe()).isTrue();
  }

  private static Map<String, String> changed(
      Map<String, String> before, Map<String, String> after) {
    return after.entrySet().stream()
        .filter(e -> !e.getValue().equals(before.get(e.getKey())))
        .collect(
            java.util.stream.Collectors.toMap(
                Map.Entry::getKey, e -> before.get(e.getKey()) + " -> " + e.getValue()));
  }

  private static Watcher<ImageSearchCluster> counting(AtomicInteger writes) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, ImageSearchCluster resource) {
        if (action == Action.MODIFIED) {
          writes.incrementAndGet();
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }
}
