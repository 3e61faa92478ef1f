package io.imagesearch.clustere2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
    platform.patch("{\"spec\":{\"images\":{\"cdn\":\"imagesearch.local/cdn:does-not-exist\"}}}");
    String message = awaitDegraded();
    assertThat(message)
        .contains("cdn")
        .containsPattern("ErrImageNeverPull|ImagePullBackOff|ErrImagePull");
    // The old cdn pod still serves, but the cluster is not Ready while its rollout is stuck.
    assertThat(demo.is("Ready", "False")).as(demo.describe()).isTrue();
    platform.patch("{\"spec\":{\"images\":{\"cdn\":null}}}");
    platform.awaitReady(Duration.ofMinutes(5));
  }

  @Test
  @Order(2)
  void aPodNoNodeCanTakeIsUnschedulableWithTheSchedulersReason() {
    platform.patch("{\"spec\":{\"searchApi\":{\"resources\":{\"requests\":{\"cpu\":\"64\"}}}}}");
    String message = awaitDegraded();
    assertThat(message).contains("search-api").contains("Insufficient cpu");
    platform.patch("{\"spec\":{\"searchApi\":{\"resources\":null}}}");
    platform.awaitReady(Duration.ofMinutes(5));
  }

  @Test
  @Order(3)
  void aCrashLoopingComponentIsDegradedWithItsReason() {
    platform.patch("{\"spec\":{\"model\":{\"location\":\"/models/not-there\"}}}");
    String message = awaitDegraded();
    assertThat(message).containsPattern("CrashLoopBackOff|Error");
    assertThat(message).containsPattern("worker|search-api");
    platform.patch("{\"spec\":{\"model\":{\"location\":null}}}");
    platform.awaitReady(Duration.ofMinutes(8));
  }

  private String awaitDegraded() {
    long started = System.nanoTime();
    await("Degraded=True")
        .atMost(SHOWN_WITHIN)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> demo.observedLatest() && demo.is("Degraded", "True"));
    Measurements.record(
        "change to Degraded shown: " + demo.message("Degraded"), UserJourneyIT.elapsed(started));
    return demo.message("Degraded");
  }
}
