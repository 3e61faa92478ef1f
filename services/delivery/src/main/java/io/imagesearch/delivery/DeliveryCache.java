package io.imagesearch.delivery;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.imagesearch.core.port.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The objects the delivery port serves, bounded by bytes with Caffeine's W-TinyLFU admission (a
 * one-off request does not push out what is asked for often). Concurrent misses of one key share
 * one read from the store: the first starts it, the others wait on the same future. Objects above
 * the size limit keep only their metadata and heads here; their bytes stream from the store.
 */
final class DeliveryCache {

  private final ObjectStore store;
  private final AsyncCache<String, DeliveredObject> cache;
  private final long maxCachedObjectBytes;
  private final Executor loader;
  private final String cacheControl;

  /**
   * @param cacheControl the Cache-Control value of every answer: public, or private when reads need
   *     a key
   */
  DeliveryCache(
      ObjectStore store,
      long maxBytes,
      long maxCachedObjectBytes,
      Executor loader,
      String cacheControl,
      MeterRegistry meters) {
    this.store = store;
    this.maxCachedObjectBytes = maxCachedObjectBytes;
    this.loader = loader;
    this.cacheControl = cacheControl;
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((String key, DeliveredObject object) -> object.weight())
            .recordStats()
            .buildAsync();
    CaffeineCacheMetrics.monitor(meters, cache, "delivery");
  }

  /** The object if it is in the cache now, without waiting; null otherwise. */
  DeliveredObject getIfLoaded(String key) {
    CompletableFuture<DeliveredObject> loading = cache.getIfPresent(key);
    return loading != null && loading.isDone() && !loading.isCompletedExceptionally()
        ? loading.getNow(null)
        : null;
  }

  /**
   * The object, read from the store on a miss (once for all concurrent callers); completes with
   * null when the store has no such key, which is not remembered.
   */
  CompletableFuture<DeliveredObject> get(String key, String etag) {
    return cache
        .get(key, (k, executor) -> CompletableFuture.supplyAsync(() -> load(k, etag), loader))
        .thenApply(
            object -> {
              // Caffeine drops a null entry on its own, but after this future's callers may ask
              // again: dropped here, a key stored meanwhile is read at once on the next request.
              if (object == null) {
                cache.synchronous().invalidate(key);
              }
              return object;
            });
  }

  /** The bytes of an object too large to cache. */
  Optional<InputStream> open(String key) {
    return store.open(key);
  }

  /** Total weight of the entries now, in bytes (tests, metrics). */
  long weightedBytes() {
    return cache.synchronous().policy().eviction().orElseThrow().weightedSize().orElse(0);
  }

  void cleanUp() {
    cache.synchronous().cleanUp();
  }

  private DeliveredObject load(String key, String etag) {
    Optional<ObjectStore.StoredObject> stat = store.stat(key);
    if (stat.isEmpty()) {
      return null;
    }
    ObjectStore.StoredObject object = stat.get();
    if (object.size() > maxCachedObjectBytes) {
      return DeliveredObject.of(key, etag, object.contentType(), object.size(), null, cacheControl);
    }
    Optional<InputStream> opened = store.open(key);
    if (opened.isEmpty()) {
      return null;
    }
    try (InputStream in = opened.get()) {
      byte[] bytes = in.readAllBytes();
      if (bytes.length != object.size()) {
        throw new IOException(
            key + " has " + bytes.length + " bytes, its metadata says " + object.size());
      }
      return DeliveredObject.of(key, etag, object.contentType(), bytes.length, bytes, cacheControl);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + key + " from the object store", e);
    }
  }
}
