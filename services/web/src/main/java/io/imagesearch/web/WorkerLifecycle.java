package io.imagesearch.web;

import io.imagesearch.application.WorkerPool;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the worker threads with the context and stops them first on shutdown, before the web
 * server and before any bean is destroyed: the batches in hand finish within the pool's grace
 * period or go back to the queue ({@link WorkerPool#stop}), and only then is the model closed.
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
    pool.stop();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
