package io.imagesearch.clustere2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A component broken on purpose three ways a user meets: an image that cannot be pulled, a pod no
 * node can take, a container that crashes at start. Each shows as Degraded naming the component,
 * the pod and the kubelet's or scheduler's reason; undoing the change brings Ready back.
 */
@ExtendWith(RealClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(2)
class BrokenComponentIT {
  private static final Duration SHOWN_WITHIN = Duration.ofMinutes(4);

  private DemoPlatform platform;
  private ClusterResource demo;

  @BeforeAll
  void platform(DemoPlatform platform) {
    this.platform = platform.ready();
    this.demo = platform.resource();
  }

  @Test
  @Order(1)
  void anImageThatCannotBePulledIsAStuckRolloutNamedInTheStatus() {
    breakAndRepair(
        "{\"spec\":{\"images\":{\"cdn\":\"imagesearch.local/cdn:does-not-exist\"}}}",
        "{\"spec\":{\"images\":{\"cdn\":null}}}",
        "cdn: pod .* (ErrImageNeverPull|ImagePullBackOff|ErrImagePull)");
  }

  @Test
  @Order(2)
  void aPodNoNodeCanTakeIsUnschedulableWithTheSchedulersReason() {
    breakAndRepair(
        "{\"spec\":{\"searchApi\":{\"resources\":{\"requests\":{\"cpu\":\"64\"}}}}}",
        "{\"spec\":{\"searchApi\":{\"resources\":null}}}",
        "search-api: pod .* Unschedulable: .*Insufficient cpu");
  }

  /**
   * A model that cannot be loaded is a new spec.model: only the workers load it (search-api keeps
   * the active model until a switch, which these workers never reach), so they crash-loop, Degraded
   * names them, and search keeps serving the old model.
   */
  @Test
  @Order(3)
  void aModelThatCannotBeLoadedCrashLoopsTheWorkersWhileSearchKeepsServing() {
    IngressGateway gateway = platform.gateway();
    try (SearchProbe probe = SearchProbe.start(gateway)) {
      breakAndRepair(
          "{\"spec\":{\"model\":{\"location\":\"/models/not-there\"}}}",
          "{\"spec\":{\"model\":{\"location\":null}}}",
          "worker: pod .* CrashLoopBackOff",
          () -> {
            assertThat(demo.condition("ModelMigration"))
                .hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("Starting"));
            assertThat(demo.get().getStatus().model.searchApiModel).isEqualTo("models/tiny-clip");
          });
      probe.close();
      assertThat(probe.failures()).isEmpty();
    }
  }

  /**
   * Applies {@code breaking}, waits until Degraded's message matches {@code expected} (a regex) and
   * checks the cluster is not Ready (a stuck rollout's old pods may still serve), then always
   * applies {@code repair} and waits for Ready again.
   */
  private void breakAndRepair(String breaking, String repair, String expected) {
    breakAndRepair(breaking, repair, expected, () -> {});
  }

  /** As above, with {@code whileBroken} checked once Degraded shows. */
  private void breakAndRepair(
      String breaking, String repair, String expected, Runnable whileBroken) {
    platform.patch(breaking);
    try {
      demo.awaitDegraded(expected, SHOWN_WITHIN);
      assertThat(demo.is("Ready", "False")).as(demo.describe()).isTrue();
      whileBroken.run();
    } finally {
      platform.patch(repair);
      platform.awaitReady(Duration.ofMinutes(8));
    }
  }
}
