package io.imagesearch.clustere2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * Figures the scenarios measure on the way (times to Ready, RSS, API writes), appended to
 * target/cluster-e2e/measurements.tsv for docs/BENCHMARKS.md. Recorded, never asserted on.
 */
final class Measurements {
  private Measurements() {}

  /** The time since {@code startedNanos}, a {@link System#nanoTime()} reading. */
  static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  static void record(String name, Duration value) {
    record(name, String.format("%.1f s", value.toMillis() / 1000.0));
  }

  static void record(String name, String value) {
    String line = Instant.now() + "\t" + name + "\t" + value + "\n";
    System.out.print("[measured] " + line);
    try {
      Files.createDirectories(RepoScript.LOG_DIR);
      Files.writeString(
          RepoScript.LOG_DIR.resolve("measurements.tsv"),
          line,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
