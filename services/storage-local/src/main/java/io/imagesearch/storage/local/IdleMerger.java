package io.imagesearch.storage.local;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a merge once writes have stopped for a while. A bulk ingest commits batch by batch and
 * leaves many segments, each with its own HNSW graph that every search walks; merging while ingest
 * still runs would redo the work for every batch, so it waits for the writes to stop.
 */
final class IdleMerger implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IdleMerger.class);

  private final Duration idle;
  private final Runnable merge;
  private final ScheduledExecutorService timer;
  private ScheduledFuture<?> pending;

  /** {@code merge} runs {@code idle} after the last {@link #written()}; never if idle is zero. */
  IdleMerger(Duration idle, Runnable merge, String name) {
    this.idle = idle;
    this.merge = merge;
    this.timer =
        idle.isZero()
            ? null
            : Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "index-merge-" + name);
                  t.setDaemon(true);
                  return t;
                });
  }

  /** A write happened: the merge waits for the next quiet period. */
  synchronized void written() {
    if (timer == null || timer.isShutdown()) {
      return;
    }
    if (pending != null) {
      pending.cancel(false);
    }
    pending = timer.schedule(this::runMerge, idle.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runMerge() {
    try {
      merge.run();
    } catch (RuntimeException e) {
      // The index stays correct with more segments; the next quiet period tries again.
      log.warn("merging the vector index after ingest failed", e);
    }
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
