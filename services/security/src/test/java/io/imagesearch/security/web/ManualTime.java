package io.imagesearch.security.web;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/** Bucket4j's time, moved by the test. */
final class ManualTime implements TimeMeter {
  private long nanos;

  void advance(Duration duration) {
    nanos += duration.toNanos();
  }

  @Override
  public long currentTimeNanos() {
    return nanos;
  }

  @Override
  public boolean isWallClockBased() {
    return false;
  }
}
