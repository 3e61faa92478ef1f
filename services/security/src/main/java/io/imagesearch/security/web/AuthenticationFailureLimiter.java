package io.imagesearch.security.web;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
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

  private final ClientBuckets buckets;

  AuthenticationFailureLimiter(SecuritySettings.FailureLimit limit, TimeMeter time) {
    this.buckets =
        new ClientBuckets(
            limit.trackedClients(), limit.failures(), limit.failures(), limit.period(), time);
  }

  /** How long {@code client} must wait before its next attempt counts, or empty if it may try. */
  Optional<Duration> blockedFor(String client) {
    return buckets
        .find(client)
        .map(bucket -> bucket.estimateAbilityToConsume(1))
        .filter(probe -> !probe.canBeConsumed())
        .map(probe -> Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  void recordFailure(String client) {
    buckets.of(client).tryConsume(1);
  }
}
