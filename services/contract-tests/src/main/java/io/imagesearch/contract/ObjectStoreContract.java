package io.imagesearch.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.core.port.ObjectStore;
import io.imagesearch.core.port.ObjectStore.NewObject;
import io.imagesearch.core.port.ObjectStore.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectStore} adapter guarantees. An adapter's test extends this class and
 * supplies an empty store per test.
 */
public abstract class ObjectStoreContract {

  protected static final String KEY = "images/" + TestImages.id(1).hex();

  protected ObjectStore store;

  /** A store with no objects in it, fresh for each test. */
  protected abstract ObjectStore newStore() throws Exception;

  @BeforeEach
  void createStore() throws Exception {
    store = newStore();
  }

  @Test
  void storedObjectHasItsBytesContentTypeAndSize() throws IOException {
    byte[] bytes = "not really a jpeg".getBytes(StandardCharsets.UTF_8);

    put(KEY, bytes, "image/jpeg");

    assertThat(store.stat(KEY)).contains(new StoredObject(KEY, "image/jpeg", bytes.length));
    assertThat(read(KEY)).isEqualTo(bytes);
  }

  @Test
  void putReplacesBytesAndContentType() throws IOException {
    put(KEY, new byte[] {1, 2, 3, 4, 5}, "image/png");

    put(KEY, new byte[] {9, 8}, "image/webp");

    assertThat(store.stat(KEY)).contains(new StoredObject(KEY, "image/webp", 2));
    assertThat(read(KEY)).containsExactly(9, 8);
  }

  @Test
  void everyByteValueSurvives() throws IOException {
    byte[] bytes = new byte[512];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }

    put(KEY, bytes, "application/octet-stream");

    assertThat(read(KEY)).isEqualTo(bytes);
  }

  @Test
  void emptyObjectIsStored() throws IOException {
    put(KEY, new byte[0], "image/gif");

    assertThat(store.stat(KEY)).contains(new StoredObject(KEY, "image/gif", 0));
    assertThat(read(KEY)).isEmpty();
  }

  @Test
  void fiveMegabytesStreamThroughBothWays() throws IOException {
    long size = 5L * 1024 * 1024 + 17;
    byte[] expectedDigest = sha256(new PatternStream(size, 42));

    store.put(KEY, new PatternStream(size, 42), size, "image/tiff");

    assertThat(store.stat(KEY)).map(StoredObject::size).contains(size);
    try (InputStream in = store.open(KEY).orElseThrow()) {
      assertThat(sha256(in)).isEqualTo(expectedDigest);
    }
  }

  @Test
  void missingKeyIsAbsentEverywhere() {
    assertThat(store.stat(KEY)).isEmpty();
    assertThat(store.open(KEY)).isEmpty();
    assertThat(store.delete(KEY)).isFalse();
  }

  @Test
  void deleteRemovesTheObjectOnce() throws IOException {
    put(KEY, new byte[] {1}, "image/jpeg");
    String other = "thumbs/" + TestImages.id(1).hex();
    put(other, new byte[] {2}, "image/jpeg");

    assertThat(store.delete(KEY)).isTrue();

    assertThat(store.stat(KEY)).isEmpty();
    assertThat(store.open(KEY)).isEmpty();
    assertThat(store.delete(KEY)).isFalse();
    assertThat(read(other)).containsExactly(2);
  }

  @Test
  void keysAreIndependent() throws IOException {
    put("images/" + TestImages.id(1).hex(), new byte[] {1}, "image/jpeg");
    put("images/" + TestImages.id(2).hex(), new byte[] {2, 2}, "image/png");

    assertThat(store.stat("images/" + TestImages.id(1).hex()))
        .map(StoredObject::contentType)
        .contains("image/jpeg");
    assertThat(read("images/" + TestImages.id(2).hex())).containsExactly(2, 2);
  }

  /**
   * Writers racing on one key must leave one whole object: bytes, size and content type all from
   * the same put, never a mix or a truncated file.
   */
  @Test
  void concurrentPutsOfOneKeyLeaveOneCompleteObject() throws Exception {
    int writers = 8;
    List<byte[]> contents = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < writers; i++) {
      byte[] bytes = new byte[64 * 1024 + i * 1013];
      random.nextBytes(bytes);
      contents.add(bytes);
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> puts = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        byte[] bytes = contents.get(i);
        String type = "image/x-writer-" + i;
        puts.add(
            pool.submit(
                () -> {
                  start.await();
                  put(KEY, bytes, type);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> put : puts) {
        put.get();
      }
    } finally {
      pool.shutdownNow();
    }

    StoredObject stat = store.stat(KEY).orElseThrow();
    int winner = Integer.parseInt(stat.contentType().substring("image/x-writer-".length()));
    assertThat(stat.size()).isEqualTo(contents.get(winner).length);
    assertThat(read(KEY)).isEqualTo(contents.get(winner));
  }

  @Test
  void putAllStoresEveryObjectWithItsContentType() throws IOException {
    String other = "thumbnails/" + TestImages.id(2).hex();
    String empty = "images/" + TestImages.id(3).hex();

    store.putAll(
        List.of(
            new NewObject(KEY, new byte[] {1, 2, 3}, "image/png"),
            new NewObject(other, new byte[] {4, 5}, "image/jpeg"),
            new NewObject(empty, new byte[0], "image/gif")));

    assertThat(store.stat(KEY)).contains(new StoredObject(KEY, "image/png", 3));
    assertThat(read(KEY)).containsExactly(1, 2, 3);
    assertThat(store.stat(other)).contains(new StoredObject(other, "image/jpeg", 2));
    assertThat(read(other)).containsExactly(4, 5);
    assertThat(store.stat(empty)).contains(new StoredObject(empty, "image/gif", 0));
  }

  @Test
  void putAllReplacesWhatWasThereAndLeavesOtherKeysAlone() throws IOException {
    String untouched = "images/" + TestImages.id(4).hex();
    put(KEY, new byte[] {1, 2, 3, 4}, "image/png");
    put(untouched, new byte[] {7}, "image/webp");

    store.putAll(List.of(new NewObject(KEY, new byte[] {9}, "image/jpeg")));
    store.putAll(List.of());

    assertThat(store.stat(KEY)).contains(new StoredObject(KEY, "image/jpeg", 1));
    assertThat(read(KEY)).containsExactly(9);
    assertThat(read(untouched)).containsExactly(7);
  }

  @Test
  void listPagesThroughThePrefixInKeyOrderVisitingEachKeyOnce() {
    List<String> images = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      images.add("images/" + TestImages.id(i).hex());
      put(images.getLast(), new byte[] {(byte) i}, "image/png");
      put("thumbs/" + TestImages.id(i).hex(), new byte[] {(byte) i}, "image/jpeg");
    }

    List<String> seen = new ArrayList<>();
    List<String> page = store.list("images/", "", 3);
    while (!page.isEmpty()) {
      assertThat(page).hasSizeLessThanOrEqualTo(3);
      seen.addAll(page);
      page = store.list("images/", page.getLast(), 3);
    }

    assertThat(seen).containsExactlyElementsOf(images.stream().sorted().toList());
  }

  @Test
  void listStartsAfterAnyStringNotOnlyAStoredKey() {
    String low = "images/" + "1".repeat(64);
    String high = "images/" + "9".repeat(64);
    put(low, new byte[] {1}, "image/png");
    put(high, new byte[] {2}, "image/png");

    assertThat(store.list("images/", "images/5", 10)).containsExactly(high);
    assertThat(store.list("images/", high, 10)).isEmpty();
    assertThat(store.list("images/", "", 1)).containsExactly(low);
  }

  @Test
  void listLeavesOutDeletedObjectsAndOtherPrefixes() {
    put(KEY, new byte[] {1}, "image/png");
    String deleted = "images/" + TestImages.id(2).hex();
    put(deleted, new byte[] {2}, "image/png");
    put("thumbs/" + TestImages.id(3).hex(), new byte[] {3}, "image/jpeg");

    store.delete(deleted);

    assertThat(store.list("images/", "", 100)).containsExactly(KEY);
    assertThat(store.list("originals/", "", 100)).isEmpty();
  }

  @Test
  void listRefusesAPageOfNothing() {
    assertThatThrownBy(() -> store.list("images/", "", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit must be at least 1");
  }

  protected void put(String key, byte[] bytes, String contentType) {
    store.put(key, new ByteArrayInputStream(bytes), bytes.length, contentType);
  }

  protected byte[] read(String key) throws IOException {
    Optional<InputStream> opened = store.open(key);
    assertThat(opened).as("object %s", key).isPresent();
    try (InputStream in = opened.get()) {
      return in.readAllBytes();
    }
  }

  private static byte[] sha256(InputStream in) throws IOException {
    try (in) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) != -1; ) {
        digest.update(buffer, 0, n);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Pseudo-random bytes generated on the fly, so a large object never sits in the heap whole. */
  private static final class PatternStream extends InputStream {
    private final Random random;
    private long remaining;

    PatternStream(long size, long seed) {
      this.remaining = size;
      this.random = new Random(seed);
    }

    @Override
    public int read() {
      if (remaining == 0) {
        return -1;
      }
      remaining--;
      return random.nextInt(256);
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (remaining == 0) {
        return -1;
      }
      int n = (int) Math.min(len, remaining);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) random.nextInt(256);
      }
      remaining -= n;
      return n;
    }
  }
}
