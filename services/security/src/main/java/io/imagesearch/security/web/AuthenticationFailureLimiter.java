package io.imagesearch.security.web;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Limits failed authentications per client address with a token bucket per address (Bucket4j): each
 * failure takes a token, tokens come back evenly over the period, and an address without tokens is
 * refused before its key is even checked. Only addresses that failed are remembered, the least
 * recently failing forgotten first beyond {@code trackedClients}, so a flood of addresses cannot
 * exhaust memory. Keys are 256 random bits, so this is not what stops guessing; it keeps a
 * misconfigured or hostile client from burning CPU and filling the log.
 */
final class AuthenticationFailureLimiter {

  private final SecuritySettings.FailureLimit limit;
  private final TimeMeter time;
  private final Map<String, Bucket> buckets;

  AuthenticationFailureLimiter(SecuritySettings.FailureLimit limit, TimeMeter time) {
    this.limit = limit;
    this.time = time;
    this.buckets =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > limit.trackedClients();
          }
        };
  }

  /** How long {@code client} must wait before its next attempt counts, or empty if it may try. */
  Optional<Duration> blockedFor(String client) {
    Bucket bucket;
    synchronized (buckets) {
      bucket = buckets.get(client);
    }
    if (bucket == null) {
      return Optional.empty();
    }
    EstimationProbe probe = bucket.estimateAbilityToConsume(1);
    return probe.canBeConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  void recordFailure(String client) {
    Bucket bucket;
    synchronized (buckets) {
      bucket = buckets.computeIfAbsent(client, address -> newBucket());
    }
    bucket.tryConsume(1);
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            bandwidth ->
                bandwidth.capacity(limit.failures()).refillGreedy(limit.failures(), limit.period()))
        .withCustomTimePrecision(time)
        .build();
  }
}
