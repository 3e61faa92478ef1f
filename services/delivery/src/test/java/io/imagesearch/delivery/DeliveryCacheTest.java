package io.imagesearch.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.storage.minio.MinioConfig;
import io.imagesearch.storage.minio.MinioObjectStore;
import io.imagesearch.testsupport.MinioServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The delivery cache on a real MinIO, its reads counted by a wrapper around the real store. */
class DeliveryCacheTest {

  private static final String PUBLIC = "max-age=31536000, public, immutable";
  private static MinioServer minio;
  private static MinioObjectStore store;
  private static final ExecutorService LOADER = Executors.newFixedThreadPool(8);

  @BeforeAll
  static void startMinio() {
    minio = MinioServer.start();
    store =
        MinioObjectStore.open(
            new MinioConfig(minio.endpoint(), minio.accessKey(), minio.secretKey(), "delivery"));
  }

  @AfterAll
  static void stopMinio() {
    LOADER.shutdownNow();
    minio.close();
  }

  private static byte[] put(String key, int size) {
    byte[] bytes = new byte[size];
    new Random(key.hashCode()).nextBytes(bytes);
    store.put(key, new ByteArrayInputStream(bytes), size, "image/jpeg");
    return bytes;
  }

  @Test
  void concurrentMissesOfOneKeyShareOneReadFromTheStore() throws Exception {
    byte[] bytes = put("images/coalesced", 40_000);
    CountingObjectStore counting = new CountingObjectStore(store);
    DeliveryCache cache =
        new DeliveryCache(
            counting, 10_000_000, 1_000_000, LOADER, PUBLIC, new SimpleMeterRegistry());
    int callers = 32;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService callerThreads = Executors.newFixedThreadPool(callers);
    List<CompletableFuture<DeliveredObject>> answers = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      answers.add(
          CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      start.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    return cache.get("images/coalesced", "\"e\"");
                  },
                  callerThreads)
              .thenCompose(f -> f));
    }
    start.countDown();
    for (CompletableFuture<DeliveredObject> answer : answers) {
      assertThat(answer.get().bytes()).isEqualTo(bytes);
    }
    callerThreads.shutdownNow();

    assertThat(counting.opens.get()).isEqualTo(1);
    assertThat(counting.stats.get()).isEqualTo(1);
    assertThat(cache.getIfLoaded("images/coalesced")).isNotNull();
  }

  @Test
  void anUnknownKeyIsNullAndNotRemembered() throws Exception {
    CountingObjectStore counting = new CountingObjectStore(store);
    DeliveryCache cache =
        new DeliveryCache(
            counting, 10_000_000, 1_000_000, LOADER, PUBLIC, new SimpleMeterRegistry());

    assertThat(cache.get("images/missing", "\"m\"").get()).isNull();
    assertThat(cache.get("images/missing", "\"m\"").get()).isNull();

    assertThat(counting.stats.get()).isEqualTo(2);
    assertThat(counting.opens.get()).isZero();
  }

  @Test
  void theCacheHoldsNoMoreBytesThanItsBound() throws Exception {
    long bound = 300_000;
    DeliveryCache cache =
        new DeliveryCache(store, bound, 1_000_000, LOADER, PUBLIC, new SimpleMeterRegistry());
    for (int i = 0; i < 30; i++) {
      put("images/bound-" + i, 50_000);
      assertThat(cache.get("images/bound-" + i, "\"b\"").get().bytes()).hasSize(50_000);
      cache.cleanUp();
      assertThat(cache.weightedBytes()).isLessThanOrEqualTo(bound);
    }
    // The bound was reached: about bound / object size entries stay.
    assertThat(cache.weightedBytes()).isGreaterThan(bound - 2 * 51_000);
  }

  @Test
  void anObjectAboveTheLimitKeepsItsHeadsButNotItsBytes() throws Exception {
    byte[] bytes = put("images/large", 120_000);
    DeliveryCache cache =
        new DeliveryCache(store, 10_000_000, 100_000, LOADER, PUBLIC, new SimpleMeterRegistry());

    DeliveredObject object = cache.get("images/large", "\"l\"").get();

    assertThat(object.cached()).isFalse();
    assertThat(object.size()).isEqualTo(bytes.length);
    assertThat(cache.weightedBytes()).isLessThan(1_000);
    try (var in = cache.open("images/large").orElseThrow()) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
  }
}
