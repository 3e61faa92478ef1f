package io.imagesearch.application;

import java.time.Duration;

/**
 * How a change of model proceeds.
 *
 * @param previousRetention how long the previous model and its index are kept for a rollback
 * @param retryDelay how long a migration waits after a failure (a store that is down) before it
 *     tries again from its last saved batch
 * @param retentionCheck how often the retention of the previous model is checked
 */
public record MigrationSettings(
    Duration previousRetention, Duration retryDelay, Duration retentionCheck) {

  public MigrationSettings {
    if (previousRetention.isNegative()
        || !retryDelay.isPositive()
        || !retentionCheck.isPositive()) {
      throw new IllegalArgumentException(
          "the retention must not be negative, the delays must be positive");
    }
  }
}
