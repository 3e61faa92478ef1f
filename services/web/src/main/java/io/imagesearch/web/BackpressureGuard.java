package io.imagesearch.web;

import io.imagesearch.application.DependencyUnavailableException;
import io.imagesearch.core.port.TaskQueue;

/**
 * Refuses new uploads with 429 while the ingest backlog is above a bound, so a burst cannot fill
 * the disk faster than the workers drain it; clients retry after the advertised delay.
 */
public final class BackpressureGuard {

  private final TaskQueue queue;
  private final long maxBacklog;

  public BackpressureGuard(TaskQueue queue, long maxBacklog) {
    this.queue = queue;
    this.maxBacklog = maxBacklog;
  }

  public void check() {
    long backlog;
    try {
      backlog = queue.backlog();
    } catch (RuntimeException e) {
      throw new DependencyUnavailableException("task queue", e);
    }
    if (backlog >= maxBacklog) {
      throw new BacklogFullException(backlog, maxBacklog);
    }
  }

  /** The backlog bound was reached. */
  public static final class BacklogFullException extends RuntimeException {
    BacklogFullException(long backlog, long max) {
      super(
          "the ingest backlog holds "
              + backlog
              + " tasks (limit "
              + max
              + "): retry after the Retry-After delay");
    }
  }
}
