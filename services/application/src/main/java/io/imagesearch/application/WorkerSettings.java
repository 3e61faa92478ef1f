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
 * @param prepareThreads images of a batch decoded, thumbnailed and hashed at once
 */
public record WorkerSettings(
    int batchSize,
    Duration pollWait,
    int maxAttempts,
    Duration baseBackoff,
    Duration maxBackoff,
    int prepareThreads) {

  public WorkerSettings {
    if (batchSize < 1 || maxAttempts < 1 || prepareThreads < 1) {
      throw new IllegalArgumentException(
          "batchSize, maxAttempts and prepareThreads must be at least 1");
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
        16,
        Duration.ofSeconds(1),
        5,
        Duration.ofSeconds(1),
        Duration.ofMinutes(1),
        Runtime.getRuntime().availableProcessors());
  }

  /** {@code configured}, or one thread per CPU core when it is 0 (the default). */
  public static int prepareThreads(int configured) {
    return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
  }

  /** Delay before attempt {@code attempt + 1}. */
  public Duration backoffAfter(int attempt) {
    long factor = 1L << Math.min(20, Math.max(0, attempt - 1));
    Duration delay = baseBackoff.multipliedBy(factor);
    return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
  }
}
