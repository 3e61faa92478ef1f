package io.imagesearch.core.time;

import java.time.Duration;

/**
 * Time arithmetic that saturates instead of overflowing: a caller's absurd duration (a backoff of a
 * thousand years) means "never", not an exception or a negative deadline.
 */
public final class SaturatingTime {
  private SaturatingTime() {}

  /** Epoch millis {@code duration} after {@code epochMillis}, or Long.MAX_VALUE on overflow. */
  public static long millisAfter(long epochMillis, Duration duration) {
    try {
      return Math.addExact(epochMillis, duration.toMillis());
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** The duration in nanos, capped well below overflow so it can be added to System.nanoTime(). */
  public static long nanos(Duration duration) {
    try {
      return Math.min(duration.toNanos(), Long.MAX_VALUE / 4);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }
}
