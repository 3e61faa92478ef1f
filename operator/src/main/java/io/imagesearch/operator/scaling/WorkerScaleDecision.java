package io.imagesearch.operator.scaling;

import java.time.Duration;
import java.time.Instant;

/**
 * Desired worker count from the queue backlog: ceil(backlog / targetPerWorker) clamped to [min,
 * max]. Scaling up is immediate (a backlog is waiting); scaling down only happens once a lower
 * value has persisted for the whole stabilisation window, and then to the highest value seen in
 * that window, so a fluctuating backlog never makes the workers flap.
 */
public final class WorkerScaleDecision {
  private int current;
  private Instant lowerSince;
  private int highestLowerInWindow;

  public WorkerScaleDecision(int initial) {
    this.current = initial;
  }

  public record Settings(int min, int max, int targetBacklogPerWorker, Duration stabilization) {
    public Settings {
      if (min < 0 || max < min || targetBacklogPerWorker < 1 || stabilization.isNegative()) {
        throw new IllegalArgumentException("invalid autoscaling settings: " + this);
      }
    }
  }

  public static int recommendation(long backlog, Settings settings) {
    long needed = Math.ceilDiv(Math.max(0, backlog), settings.targetBacklogPerWorker());
    return (int) Math.clamp(needed, settings.min(), settings.max());
  }

  /** The worker count to run now, given the backlog observed now. */
  public synchronized int next(long backlog, Settings settings, Instant now) {
    int wanted = recommendation(backlog, settings);
    // Settings may have changed since the last call: the current value obeys the new bounds.
    current = Math.clamp(current, settings.min(), settings.max());
    if (wanted >= current) {
      current = wanted;
      lowerSince = null;
      return current;
    }
    if (lowerSince == null) {
      lowerSince = now;
      highestLowerInWindow = wanted;
    } else {
      highestLowerInWindow = Math.max(highestLowerInWindow, wanted);
    }
    if (!now.isBefore(lowerSince.plus(settings.stabilization()))) {
      current = highestLowerInWindow;
      lowerSince = null;
    }
    return current;
  }

  public synchronized int current() {
    return current;
  }
}
