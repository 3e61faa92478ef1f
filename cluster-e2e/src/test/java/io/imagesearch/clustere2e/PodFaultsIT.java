package io.imagesearch.clustere2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Pods of the platform die; nothing acknowledged is lost and the status says what happened. */
@ExtendWith(RealClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(3)
class PodFaultsIT {
  private DemoPlatform platform;
  private IngressGateway gateway;

  @BeforeAll
  void platform(DemoPlatform platform) {
    this.platform = platform.ready();
    this.gateway = platform.gateway();
  }

  @Test
  @Order(1)
  void aWorkerPodKilledMidBatchLosesAndDuplicatesNothing() {
    long before = Uploads.indexedImages(gateway);
    int count = 300;
    List<ImageFile> files = SyntheticImages.batch("worker-kill", count);
    // The first 25 are queued, and the worker is taking its first batch of them when it dies;
    // the other 275 arrive while its replacement starts.
    List<String> statusPaths = new ArrayList<>(Uploads.batch(gateway, files.subList(0, 25), 25));
    Pod worker = platform.pods("worker").getFirst();
    platform.client().pods().resource(worker).withGracePeriod(0).delete();
    long killed = System.nanoTime();
    long atKill = Uploads.indexedImages(gateway) - before;
    statusPaths.addAll(Uploads.batch(gateway, files.subList(25, count), 25));

    Map<String, String> imageIds =
        Uploads.awaitAllSuccess(gateway, statusPaths, Duration.ofMinutes(10));
    assertThat(new HashSet<>(imageIds.values())).hasSize(count);
    assertThat(Uploads.indexedImages(gateway)).isEqualTo(before + count);
    Measurements.record(
        "worker killed mid-batch: images indexed at the kill / uploaded", atKill + " / " + count);
    // The killed worker's claimed batch waits out the queue's visibility timeout (5 min).
    Measurements.record("worker killed mid-batch: kill to all SUCCESS", Measurements.since(killed));
    assertThat(platform.pods("worker"))
        .extracting(p -> p.getMetadata().getUid())
        .doesNotContain(worker.getMetadata().getUid());
  }

  @Test
  @Order(2)
  void aKilledRedisPodDegradesTheClusterAndUploadsAnswer503UntilItIsBack() {
    ClusterResource demo = platform.resource();
    Pod redis = platform.pods("redis").getFirst();
    platform.client().pods().resource(redis).withGracePeriod(0).delete();
    List<String> acknowledged = new ArrayList<>();
    List<String> refusedRetryAfter = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    String degradedMessage = null;
    boolean backAgain = false;
    int i = 0;
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    // Upload all through the outage: each answer is 202 or 503 with Retry-After, nothing else.
    while (System.nanoTime() < deadline && !backAgain) {
      HttpResponse<byte[]> response;
      try {
        response =
            Uploads.single(gateway, SyntheticImages.batch("redis-outage-" + i++, 1).getFirst());
      } catch (RuntimeException e) {
        unexpected.add("no answer: " + e.getMessage());
        continue;
      }
      switch (response.statusCode()) {
        case 202 -> acknowledged.add(Uploads.statusPath(response));
        case 503 ->
            refusedRetryAfter.add(response.headers().firstValue("Retry-After").orElse("missing"));
        default -> unexpected.add(response.statusCode() + " " + new String(response.body()));
      }
      if (degradedMessage == null && demo.is("RedisReady", "False")) {
        degradedMessage = demo.message("RedisReady");
      }
      backAgain =
          degradedMessage != null && demo.is("RedisReady", "True") && response.statusCode() == 202;
    }

    assertThat(degradedMessage).as("RedisReady=False seen during the outage").isNotNull();
    assertThat(degradedMessage).containsIgnoringCase("redis");
    assertThat(refusedRetryAfter).as("uploads refused while Redis was down").isNotEmpty();
    assertThat(refusedRetryAfter).doesNotContain("missing");
    assertThat(unexpected).isEmpty();
    platform.awaitReady(Duration.ofMinutes(5));
    // Every upload acknowledged before, during or after the outage is processed.
    Uploads.awaitAllSuccess(gateway, acknowledged, Duration.ofMinutes(10));
    Measurements.record(
        "Redis pod killed: uploads acknowledged / refused with 503 + Retry-After; RedisReady said",
        acknowledged.size() + " / " + refusedRetryAfter.size() + "; " + degradedMessage);
  }
}
