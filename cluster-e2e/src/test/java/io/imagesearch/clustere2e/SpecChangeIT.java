package io.imagesearch.clustere2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** A spec change rolls the pods while users search, and on a full node it completes. */
@ExtendWith(RealClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(4)
class SpecChangeIT {
  private DemoPlatform platform;

  @BeforeAll
  void platform(DemoPlatform platform) {
    this.platform = platform.ready();
  }

  @Test
  void scalingAndResizingSearchRollsItsPodsWithoutAFailedSearch() {
    IngressGateway gateway = platform.gateway();
    Set<String> podsBefore = podUids("search-api");
    long started = System.nanoTime();
    try (SearchProbe probe = SearchProbe.start(gateway)) {
      platform.patch("{\"spec\":{\"searchApi\":{\"replicas\":2}}}");
      awaitRolledOut("search-api", 2);
      // A resource change replaces every search-api pod, one at a time behind the readiness gate.
      platform.patch(
          "{\"spec\":{\"searchApi\":{\"resources\":{\"requests\":{\"cpu\":\"110m\",\"memory\":\"400Mi\"},\"limits\":{\"memory\":\"768Mi\"}}}}}");
      awaitRolledOut("search-api", 2);
      platform.awaitReady(Duration.ofMinutes(5));
      probe.close();
      Measurements.record(
          "searches during two search-api rollouts: succeeded / failed",
          probe.succeeded() + " / " + probe.failures().size());
      assertThat(probe.failures()).isEmpty();
      assertThat(probe.succeeded()).isGreaterThan(20);
    }
    Measurements.record(
        "search-api 1 -> 2 replicas and resized, rolled", Measurements.since(started));
    assertThat(podUids("search-api")).doesNotContainAnyElementsOf(podsBefore);
    // Back to the example's sizing, which the later scenarios' node budget assumes.
    platform.patch("{\"spec\":{\"searchApi\":{\"replicas\":null,\"resources\":null}}}");
    awaitRolledOut("search-api", 1);
  }

  @Test
  void aWorkerChangeOnAFullNodeCompletes() {
    // The worker is the largest request; its rollout frees before it adds, so it cannot wait
    // forever for room that only its own old pod holds.
    Set<String> before = podUids("worker");
    platform.patch("{\"spec\":{\"worker\":{\"resources\":{\"requests\":{\"cpu\":\"510m\"}}}}}");
    awaitRolledOut("worker", 1);
    platform.awaitReady(Duration.ofMinutes(5));
    assertThat(podUids("worker")).doesNotContainAnyElementsOf(before);
    platform.patch("{\"spec\":{\"worker\":{\"resources\":null}}}");
    awaitRolledOut("worker", 1);
  }

  /** The pods that serve, not those on their way out. */
  private Set<String> podUids(String component) {
    return platform.pods(component).stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .map(p -> p.getMetadata().getUid())
        .collect(Collectors.toSet());
  }

  private void awaitRolledOut(String component, int replicas) {
    await(component + " rolled out")
        .atMost(Duration.ofMinutes(8))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              Deployment d =
                  platform
                      .client()
                      .apps()
                      .deployments()
                      .inNamespace(DemoPlatform.NAMESPACE)
                      .withName(DemoPlatform.NAME + "-" + component)
                      .get();
              var s = d.getStatus();
              return d.getMetadata().getGeneration().equals(s.getObservedGeneration())
                  && Integer.valueOf(replicas).equals(s.getUpdatedReplicas())
                  && Integer.valueOf(replicas).equals(s.getReadyReplicas())
                  && Integer.valueOf(replicas).equals(s.getReplicas());
            });
  }
}
