package io.imagesearch.clustere2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pods of the platform die; nothing acknowledged is lost, the status says what happened, and the
 * services answer again once the pod is back.
 */
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

  /**
   * The Milvus pod killed: once a new one is ready, searches and the library answer again from the
   * kept volume, with no restart of search-api. The test stand-in (Milvus Lite) comes back with its
   * collections released, and search-api loads its own again on the first read that fails.
   */
  @Test
  @Order(3)
  void aKilledMilvusPodIsServedAgainOnceItIsBack() {
    Set<String> library = Uploads.libraryIds(gateway);
    Pod milvus = platform.pods("milvus").getFirst();
    long killed = System.nanoTime();
    platform.client().pods().resource(milvus).withGracePeriod(0).delete();
    await("a new Milvus pod ready")
        .atMost(Duration.ofMinutes(4))
        .until(
            () ->
                platform.pods("milvus").stream()
                    .anyMatch(
                        p ->
                            !p.getMetadata().getUid().equals(milvus.getMetadata().getUid())
                                && Pods.ready(p)));
    Duration ready = Measurements.since(killed);
    AtomicReference<String> seen = new AtomicReference<>("no answer yet");
    try {
      await("searches and the library answer from the restarted Milvus")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> searchAnswers(seen) && library.equals(Uploads.libraryIdsOrNone(gateway, seen)));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "search-api should answer from the restarted Milvus; last answer: "
              + seen.get()
              + PlatformReport.of(platform, List.of("search-api", "milvus")),
          e);
    }
    Measurements.record("Milvus pod killed: new pod ready", ready);
    Measurements.record("Milvus pod killed: searches answer again", Measurements.since(killed));
    // The workers write to it again too.
    List<String> after = Uploads.batch(gateway, SyntheticImages.batch("after-milvus-kill", 3), 3);
    Uploads.awaitAllSuccess(gateway, after, Duration.ofMinutes(3));
  }

  private boolean searchAnswers(AtomicReference<String> seen) {
    try {
      HttpResponse<byte[]> response = gateway.get(SearchProbe.QUERY);
      seen.set(response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
      return response.statusCode() == 200;
    } catch (RuntimeException e) {
      seen.set(e.toString());
      return false;
    }
  }
}
