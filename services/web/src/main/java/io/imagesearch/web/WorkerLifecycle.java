package io.imagesearch.web;

import io.imagesearch.application.WorkerPool;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the worker threads with the context and stops them first on shutdown: the batch in hand
 * finishes (or, if it cannot within the timeout, is redelivered after the visibility timeout).
 * Shared by the embedded app and the worker service, the two places a {@link WorkerPool} runs.
 */
public class WorkerLifecycle implements SmartLifecycle {

  private final WorkerPool pool;
  private final int threads;
  private volatile boolean running;

  public WorkerLifecycle(WorkerPool pool, int threads) {
    this.pool = pool;
    this.threads = threads;
  }

  @Override
  public void start() {
    pool.start(threads);
    running = true;
  }

  @Override
  public void stop() {
    pool.stop(Duration.ofSeconds(30));
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
