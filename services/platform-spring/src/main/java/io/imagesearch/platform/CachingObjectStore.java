package io.imagesearch.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.imagesearch.core.port.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * A bounded in-memory cache in front of an object store, for the CDN. Objects are immutable (keys
 * are content hashes), so a cached copy never goes stale; the cache is bounded by total bytes and
 * skips objects above a size limit, which stream straight from the store.
 */
public final class CachingObjectStore implements ObjectStore {

  private record Cached(StoredObject object, byte[] bytes) {}

  private final ObjectStore delegate;
  private final Cache<String, Cached> cache;
  private final long maxObjectBytes;

  public CachingObjectStore(
      ObjectStore delegate, long maxBytes, long maxObjectBytes, MeterRegistry meters) {
    this.delegate = delegate;
    this.maxObjectBytes = maxObjectBytes;
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher(
                (String key, Cached value) ->
                    (int) Math.min(Integer.MAX_VALUE, value.bytes.length + 256L))
            .recordStats()
            .build();
    CaffeineCacheMetrics.monitor(meters, cache, "cdn");
  }

  @Override
  public void put(String key, InputStream content, long size, String contentType) {
    delegate.put(key, content, size, contentType);
    cache.invalidate(key);
  }

  @Override
  public Optional<StoredObject> stat(String key) {
    Cached cached = cache.getIfPresent(key);
    if (cached != null) {
      return Optional.of(cached.object());
    }
    return delegate.stat(key);
  }

  @Override
  public Optional<InputStream> open(String key) {
    Cached cached = cache.getIfPresent(key);
    if (cached != null) {
      return Optional.of(new ByteArrayInputStream(cached.bytes()));
    }
    Optional<StoredObject> object = delegate.stat(key);
    if (object.isEmpty()) {
      return Optional.empty();
    }
    if (object.get().size() > maxObjectBytes) {
      return delegate.open(key);
    }
    return delegate.open(key).map(in -> cacheAndReplay(key, object.get(), in));
  }

  private InputStream cacheAndReplay(String key, StoredObject object, InputStream in) {
    try (in) {
      byte[] bytes = in.readAllBytes();
      cache.put(key, new Cached(object, bytes));
      return new ByteArrayInputStream(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + key + " from the object store", e);
    }
  }

  @Override
  public boolean delete(String key) {
    cache.invalidate(key);
    return delegate.delete(key);
  }

  /** Listings are not cached: a walk over the library reads each page once. */
  @Override
  public List<String> list(String prefix, String startAfter, int limit) {
    return delegate.list(prefix, startAfter, limit);
  }
}
