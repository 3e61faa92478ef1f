package io.imagesearch.application;

import java.time.Duration;

/**
 * How the ingest worker takes and retries work.
 *
 * @param batchSize tasks embedded in one forward pass
 * @param pollWait how long a poll waits for the first task
 * @param maxAttempts deliveries before a task is dead-lettered
 * @param baseBackoff delay before the second attempt; doubles with each further attempt
 * @param maxBackoff upper bound of the delay
 */
public record WorkerSettings(
    int batchSize, Duration pollWait, int maxAttempts, Duration baseBackoff, Duration maxBackoff) {

  public WorkerSettings {
    if (batchSize < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("batchSize and maxAttempts must be at least 1");
    }
    if (pollWait.isNegative()
        || baseBackoff.isNegative()
        || maxBackoff.compareTo(baseBackoff) < 0) {
      throw new IllegalArgumentException(
          "durations must be non-negative and maxBackoff >= baseBackoff");
    }
  }

  public static WorkerSettings defaults() {
    return new WorkerSettings(
        16, Duration.ofSeconds(1), 5, Duration.ofSeconds(1), Duration.ofMinutes(1));
  }

  /** Delay before attempt {@code attempt + 1}. */
  public Duration backoffAfter(int attempt) {
    long factor = 1L << Math.min(20, Math.max(0, attempt - 1));
    Duration delay = baseBackoff.multipliedBy(factor);
    return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
  }
}
