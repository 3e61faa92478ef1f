package io.imagesearch.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.imagesearch.security.web.SecuritySettings;
import java.time.Duration;
import java.util.Optional;

/**
 * The main port's limit on failed authentications per client address, on the delivery port: a token
 * bucket of {@code failures} tokens per address, refilled evenly over {@code period}; an address
 * with none left gets 429 before its credential is looked at.
 */
final class FailedKeyLimit {

  private final int capacity;
  private final double tokensPerNano;
  private final Cache<String, Bucket> buckets;

  FailedKeyLimit(SecuritySettings.FailureLimit limit) {
    this.capacity = limit.failures();
    this.tokensPerNano = (double) limit.failures() / limit.period().toNanos();
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(limit.trackedClients())
            .expireAfterAccess(limit.period())
            .build();
  }

  /** How long the address must wait, or empty when it may try a credential. */
  Optional<Duration> blockedFor(String address) {
    Bucket bucket = buckets.getIfPresent(address);
    return bucket == null ? Optional.empty() : bucket.waitFor(System.nanoTime());
  }

  void recordFailure(String address) {
    buckets.get(address, a -> new Bucket()).take(System.nanoTime());
  }

  private final class Bucket {
    private double tokens = capacity;
    private long updated = System.nanoTime();

    synchronized Optional<Duration> waitFor(long now) {
      refill(now);
      return tokens >= 1
          ? Optional.empty()
          : Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerNano)));
    }

    synchronized void take(long now) {
      refill(now);
      tokens = Math.max(0, tokens - 1);
    }

    private void refill(long now) {
      tokens = Math.min(capacity, tokens + (now - updated) * tokensPerNano);
      updated = now;
    }
  }
}
