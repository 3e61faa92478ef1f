package io.imagesearch.embedded;

import io.imagesearch.application.WorkerPool;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts the ingest workers once the context is up and stops them first on shutdown, letting the
 * batch in hand finish before the index and queue close.
 */
@Component
class WorkerLifecycle implements SmartLifecycle {

  private final WorkerPool pool;
  private final int workers;
  private volatile boolean running;

  WorkerLifecycle(WorkerPool pool, EmbeddedProperties props) {
    this.pool = pool;
    this.workers = props.ingest().workers();
  }

  @Override
  public void start() {
    pool.start(workers);
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
