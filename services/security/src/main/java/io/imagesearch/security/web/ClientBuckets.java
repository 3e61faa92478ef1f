package io.imagesearch.security.web;

import io.github.bucket4j.Bucket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A token bucket (Bucket4j) per client, a key id or an address. Only the most recently active
 * {@code tracked} clients are remembered, the least recent forgotten first, so a flood of new
 * clients cannot exhaust memory; a forgotten client starts again with a full bucket. Thread-safe.
 */
final class ClientBuckets {

  private final Supplier<Bucket> newBucket;
  private final Map<String, Bucket> buckets;

  ClientBuckets(int tracked, Supplier<Bucket> newBucket) {
    this.newBucket = newBucket;
    this.buckets =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > tracked;
          }
        };
  }

  /** The client's bucket, a new full one if it has none. */
  Bucket of(String client) {
    synchronized (buckets) {
      return buckets.computeIfAbsent(client, c -> newBucket.get());
    }
  }

  /** The client's bucket if it has one. */
  Optional<Bucket> find(String client) {
    synchronized (buckets) {
      return Optional.ofNullable(buckets.get(client));
    }
  }
}
