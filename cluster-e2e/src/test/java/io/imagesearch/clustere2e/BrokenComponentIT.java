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

  @Test
  @Order(3)
  void aCrashLoopingComponentIsDegradedWithItsReason() {
    breakAndRepair(
        "{\"spec\":{\"model\":{\"location\":\"/models/not-there\"}}}",
        "{\"spec\":{\"model\":{\"location\":null}}}",
        "(worker|search-api): pod .* CrashLoopBackOff");
  }

  /**
   * Applies {@code breaking}, waits until Degraded's message matches {@code expected} (a regex) and
   * checks the cluster is not Ready (a stuck rollout's old pods may still serve), then always
   * applies {@code repair} and waits for Ready again.
   */
  private void breakAndRepair(String breaking, String repair, String expected) {
    platform.patch(breaking);
    try {
      demo.awaitDegraded(expected, SHOWN_WITHIN);
      assertThat(demo.is("Ready", "False")).as(demo.describe()).isTrue();
    } finally {
      platform.patch(repair);
      platform.awaitReady(Duration.ofMinutes(8));
    }
  }
}
