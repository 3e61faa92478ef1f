package io.imagesearch.application;

/**
 * Wall time of each step of one ingest batch, for a DEBUG log line that shows where ingest time
 * goes (prepare, embed, index, bookkeeping) without a profiler.
 */
final class BatchTimer {

  private final long start = System.nanoTime();
  private final StringBuilder steps = new StringBuilder();
  private long last = start;

  void lap(String step) {
    long now = System.nanoTime();
    steps.append(' ').append(step).append('=').append(millis(now - last)).append(" ms");
    last = now;
  }

  String summary(int tasks) {
    return "batch of " + tasks + " in " + millis(last - start) + " ms:" + steps;
  }

  private static String millis(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
  }
}
