package io.imagesearch.queue.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the local queue keeps its data and how long a claim lasts before the task is delivered
 * again. The timeout must exceed the longest time a worker takes for one task, or slow tasks are
 * processed twice.
 */
public record LocalQueueConfig(Path dataDirectory, Duration visibilityTimeout) {

  /** Long enough for a CPU embedding of a large batch; short enough to recover from a crash. */
  public static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofMinutes(5);

  public LocalQueueConfig {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
    if (visibilityTimeout.isNegative() || visibilityTimeout.isZero()) {
      throw new IllegalArgumentException(
          "visibilityTimeout must be positive, got " + visibilityTimeout);
    }
    dataDirectory = dataDirectory.toAbsolutePath().normalize();
  }

  public static LocalQueueConfig of(Path dataDirectory) {
    return new LocalQueueConfig(dataDirectory, DEFAULT_VISIBILITY_TIMEOUT);
  }
}
