package io.imagesearch.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.imagesearch.core.port.ObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingObjectStoreTest {

  private static final long MAX_BYTES = 3_000;
  private static final long MAX_OBJECT_BYTES = 1_000;
  private static final byte[] BYTES = "0123456789".getBytes();

  private final CountingStore backing = new CountingStore();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final CachingObjectStore cache =
      new CachingObjectStore(backing, MAX_BYTES, MAX_OBJECT_BYTES, meters);

  @Test
  void aMissReadsTheStoreAndAHitDoesNot() {
    backing.store("a", BYTES);

    assertThat(read("a")).isEqualTo(BYTES);
    assertThat(read("a")).isEqualTo(BYTES);

    assertThat(backing.opens.get()).isEqualTo(1);
    assertThat(
            meters
                .get("cache.gets")
                .tag("cache", "cdn")
                .tag("result", "hit")
                .functionCounter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void statOfACachedObjectDoesNotAskTheStore() {
    cached("a");
    int stats = backing.stats.get();

    assertThat(cache.stat("a"))
        .contains(new ObjectStore.StoredObject("a", "image/png", BYTES.length));
    assertThat(backing.stats.get()).isEqualTo(stats);
  }

  @Test
  void aListingAlwaysAsksTheStore() {
    cached("images/a");
    backing.store("images/b", BYTES);

    assertThat(cache.list("images/", "", 10)).containsExactly("images/a", "images/b");
    backing.delete("images/a");
    assertThat(cache.list("images/", "", 10)).containsExactly("images/b");
  }

  @Test
  void aMissingObjectIsEmptyAndNotCached() {
    assertThat(cache.open("none")).isEmpty();
    assertThat(cache.stat("none")).isEmpty();

    backing.store("none", BYTES);
    assertThat(read("none")).isEqualTo(BYTES);
  }

  @Test
  void objectsAboveTheSizeLimitStreamFromTheStoreEachTime() {
    byte[] large = new byte[(int) MAX_OBJECT_BYTES + 1];
    backing.store("large", large);

    assertThat(read("large")).isEqualTo(large);
    assertThat(read("large")).isEqualTo(large);

    assertThat(backing.opens.get()).isEqualTo(2);
  }

  @Test
  void theCacheHoldsNoMoreBytesThanItsBound() {
    // Each weighs 900 + 256 bytes: two fit in 3000, three do not.
    for (int i = 0; i < 10; i++) {
      backing.store("k" + i, new byte[900]);
      read("k" + i);
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(meters.get("cache.size").gauge().value()).isLessThan(3));
    int opens = backing.opens.get();
    for (int i = 0; i < 10; i++) {
      read("k" + i);
    }
    assertThat(backing.opens.get() - opens).isGreaterThanOrEqualTo(8);
  }

  @Test
  void aPutReplacesTheCachedCopy() {
    cached("a");

    byte[] replaced = "abc".getBytes();
    cache.put("a", new ByteArrayInputStream(replaced), replaced.length, "image/png");

    assertThat(read("a")).isEqualTo(replaced);
    assertThat(cache.stat("a").orElseThrow().size()).isEqualTo(3);
  }

  @Test
  void aDeleteRemovesTheCachedCopy() {
    cached("a");

    assertThat(cache.delete("a")).isTrue();

    assertThat(cache.open("a")).isEmpty();
    assertThat(cache.stat("a")).isEmpty();
    assertThat(cache.delete("a")).isFalse();
  }

  /** Spring answers a Range request by skipping into the stream: a cached copy serves it too. */
  @Test
  void rangesAreReadFromTheCachedCopy() throws IOException {
    cached("a");

    for (int start : new int[] {2, 7}) {
      try (InputStream in = cache.open("a").orElseThrow()) {
        in.skipNBytes(start);
        assertThat(in.readNBytes(3)).isEqualTo(Arrays.copyOfRange(BYTES, start, start + 3));
      }
    }
    assertThat(backing.opens.get()).isEqualTo(1);
  }

  @Test
  void aCachedObjectIsServedWhileTheStoreIsDown() {
    cached("a");

    backing.down = true;

    assertThat(read("a")).isEqualTo(BYTES);
    assertThat(cache.stat("a")).isPresent();
  }

  @Test
  void aStoreThatIsDownFailsAMissAndNothingIsCached() {
    backing.store("a", BYTES);
    backing.down = true;

    assertThatThrownBy(() -> cache.open("a")).hasMessageContaining("connection refused");
    assertThatThrownBy(() -> cache.stat("a")).hasMessageContaining("connection refused");

    backing.down = false;
    assertThat(read("a")).isEqualTo(BYTES);
    assertThat(backing.opens.get()).isEqualTo(1);
  }

  @Test
  void aReadThatBreaksOffNamesTheKeyAndIsNotCached() {
    backing.store("a", BYTES);
    backing.breakReads = true;

    assertThatThrownBy(() -> cache.open("a"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("reading a from the object store");

    backing.breakReads = false;
    assertThat(read("a")).isEqualTo(BYTES);
    assertThat(backing.opens.get()).isEqualTo(2);
  }

  @Test
  void aFailedDeleteStillDropsTheCachedCopy() {
    cached("a");
    backing.down = true;

    assertThatThrownBy(() -> cache.delete("a")).hasMessageContaining("connection refused");

    assertThatThrownBy(() -> cache.open("a")).hasMessageContaining("connection refused");
  }

  /** Stores an object and reads it once through the cache, which keeps a copy. */
  private void cached(String key) {
    backing.store(key, BYTES);
    read(key);
  }

  private byte[] read(String key) {
    try (InputStream in = cache.open(key).orElseThrow()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Objects in a map, counting reads; it can be down, or break off in the middle of a read. */
  private static final class CountingStore implements ObjectStore {

    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    final AtomicInteger opens = new AtomicInteger();
    final AtomicInteger stats = new AtomicInteger();
    volatile boolean down;
    volatile boolean breakReads;

    void store(String key, byte[] bytes) {
      objects.put(key, bytes.clone());
    }

    @Override
    public void put(String key, InputStream content, long size, String contentType) {
      failIfDown();
      try {
        store(key, content.readNBytes((int) size));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Optional<StoredObject> stat(String key) {
      failIfDown();
      stats.incrementAndGet();
      return Optional.ofNullable(objects.get(key))
          .map(bytes -> new StoredObject(key, "image/png", bytes.length));
    }

    @Override
    public Optional<InputStream> open(String key) {
      failIfDown();
      byte[] bytes = objects.get(key);
      if (bytes == null) {
        return Optional.empty();
      }
      opens.incrementAndGet();
      if (breakReads) {
        return Optional.of(
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException("connection reset");
              }
            });
      }
      return Optional.of(new ByteArrayInputStream(bytes));
    }

    @Override
    public boolean delete(String key) {
      failIfDown();
      return objects.remove(key) != null;
    }

    @Override
    public List<String> list(String prefix, String startAfter, int limit) {
      failIfDown();
      return ObjectStore.page(objects.keySet().stream(), prefix, startAfter, limit);
    }

    private void failIfDown() {
      if (down) {
        throw new IllegalStateException("connection refused");
      }
    }
  }
}
