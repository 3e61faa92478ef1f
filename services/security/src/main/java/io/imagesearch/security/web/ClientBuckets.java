package io.imagesearch.security.web;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A token bucket (Bucket4j) per client, a key id or an address. Only the most recently active
 * {@code tracked} clients are remembered, the least recent forgotten first, so a flood of new
 * clients cannot exhaust memory; a forgotten client starts again with a full bucket. Thread-safe.
 */
final class ClientBuckets {

  private final long capacity;
  private final long refill;
  private final Duration period;
  private final TimeMeter time;
  private final Map<String, Bucket> buckets;

  /**
   * Buckets of {@code capacity} tokens that get {@code refill} back evenly over each {@code period}
   * of {@code time} (Bucket4j's greedy refill).
   */
  ClientBuckets(int tracked, long capacity, long refill, Duration period, TimeMeter time) {
    this.capacity = capacity;
    this.refill = refill;
    this.period = period;
    this.time = time;
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
      return buckets.computeIfAbsent(client, c -> newBucket());
    }
  }

  /** The client's bucket if it has one. */
  Optional<Bucket> find(String client) {
    synchronized (buckets) {
      return Optional.ofNullable(buckets.get(client));
    }
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(capacity).refillGreedy(refill, period))
        .withCustomTimePrecision(time)
        .build();
  }
}
