package io.imagesearch.queue.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the Redis adapters keep their keys and how long claims and statuses last. Validated here so
 * a bad value stops the start instead of corrupting keys later.
 *
 * @param keyPrefix first segment of every key, e.g. {@code imagesearch}; lets several clusters
 *     share one Redis
 * @param group the consumer group all workers of one cluster join
 * @param visibilityTimeout how long a claimed task may stay unacknowledged before another worker
 *     takes it over; must exceed the longest time a worker spends on one batch
 * @param statusTtl how long a task status is kept after its last update
 */
public record RedisQueueConfig(
    String keyPrefix, String group, Duration visibilityTimeout, Duration statusTtl) {

  public static final String DEFAULT_KEY_PREFIX = "imagesearch";
  public static final String DEFAULT_GROUP = "workers";

  /** Long enough for a CPU embedding of a large batch; short enough to recover from a crash. */
  public static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofMinutes(5);

  public static final Duration DEFAULT_STATUS_TTL = Duration.ofDays(7);

  /** No spaces, braces or control characters: keys stay readable and cluster hash tags stay out. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

  public RedisQueueConfig {
    requireName("keyPrefix", keyPrefix);
    requireName("group", group);
    requireAtLeastOneMilli("visibilityTimeout", visibilityTimeout);
    requireAtLeastOneMilli("statusTtl", statusTtl);
  }

  public static RedisQueueConfig defaults() {
    return new RedisQueueConfig(
        DEFAULT_KEY_PREFIX, DEFAULT_GROUP, DEFAULT_VISIBILITY_TIMEOUT, DEFAULT_STATUS_TTL);
  }

  public RedisQueueConfig withKeyPrefix(String prefix) {
    return new RedisQueueConfig(prefix, group, visibilityTimeout, statusTtl);
  }

  public RedisQueueConfig withVisibilityTimeout(Duration timeout) {
    return new RedisQueueConfig(keyPrefix, group, timeout, statusTtl);
  }

  public RedisQueueConfig withStatusTtl(Duration ttl) {
    return new RedisQueueConfig(keyPrefix, group, visibilityTimeout, ttl);
  }

  RedisKeys keys() {
    return new RedisKeys(keyPrefix);
  }

  private static void requireName(String name, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          name + " must be 1-100 characters of [A-Za-z0-9._:-], got: " + value);
    }
  }

  /** Redis counts idle times and expiries in milliseconds; less would round to "never" or 0. */
  private static void requireAtLeastOneMilli(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.toMillis() < 1) {
      throw new IllegalArgumentException(name + " must be at least 1ms, got " + value);
    }
  }
}
