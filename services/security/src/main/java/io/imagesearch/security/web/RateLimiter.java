package io.imagesearch.security.web;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;

/**
 * One rate limit (searches per key, say): a token bucket per client that holds up to the burst and
 * refills the rate evenly over the period (Bucket4j's greedy refill), so a client that waits a
 * fraction of the period gets that fraction back. Thread-safe.
 */
final class RateLimiter {

  /** What a client asked for got: allowed or not, tokens left, and how long until it could be. */
  record Decision(boolean allowed, long remaining, long nanosToWait) {}

  private final RateLimitSettings.Rate rate;
  private final ClientBuckets buckets;

  RateLimiter(RateLimitSettings.Rate rate, int trackedClients, TimeMeter time) {
    this.rate = rate;
    this.buckets =
        new ClientBuckets(trackedClients, rate.burst(), rate.rate(), rate.period(), time);
  }

  RateLimitSettings.Rate rate() {
    return rate;
  }

  /**
   * Takes {@code tokens} from the client's bucket, or nothing when it holds fewer. More than the
   * burst is taken as the whole burst: a request larger than the bucket waits for a full one rather
   * than never passing.
   */
  Decision take(String client, long tokens) {
    long wanted = Math.clamp(tokens, 1, rate.burst());
    ConsumptionProbe probe = buckets.of(client).tryConsumeAndReturnRemaining(wanted);
    return new Decision(
        probe.isConsumed(), probe.getRemainingTokens(), probe.getNanosToWaitForRefill());
  }

  /** Whether the client could take one token now, taking nothing. */
  Decision peek(String client) {
    EstimationProbe probe = buckets.of(client).estimateAbilityToConsume(1);
    return new Decision(
        probe.canBeConsumed(), probe.getRemainingTokens(), probe.getNanosToWaitForRefill());
  }
}
