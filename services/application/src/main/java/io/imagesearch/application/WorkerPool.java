package io.imagesearch.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads that run {@link IngestWorker#runOnce} until stopped. Stopping lets each thread finish the
 * batch in hand; what it has not acknowledged is redelivered after the queue's visibility timeout.
 */
public final class WorkerPool implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  private final IngestWorker worker;
  private final String consumerPrefix;
  private final AtomicBoolean running = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();

  public WorkerPool(IngestWorker worker, String consumerPrefix) {
    this.worker = worker;
    this.consumerPrefix = consumerPrefix;
  }

  public synchronized void start(int threadCount) {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    for (int i = 0; i < threadCount; i++) {
      String consumer = consumerPrefix + "-" + i;
      Thread thread = Thread.ofPlatform().name("ingest-" + consumer).start(() -> loop(consumer));
      threads.add(thread);
    }
  }

  private void loop(String consumer) {
    IngestWorker.Pipeline pipeline = worker.pipeline(consumer);
    while (running.get()) {
      try {
        pipeline.step();
      } catch (RuntimeException e) {
        // A queue or store that is down: wait a little instead of spinning.
        LOG.warn("Ingest worker {} could not poll: {}", consumer, e.toString());
        sleep(Duration.ofSeconds(1));
      } catch (Error e) {
        // Out of memory outside any one image's work: the batch's claims lapse and its tasks are
        // delivered again (and given up past the attempts allowed); the thread carries on.
        LOG.error("Ingest worker {} failed a step", consumer, e);
        sleep(Duration.ofSeconds(1));
      }
    }
    try {
      pipeline.drain();
    } catch (RuntimeException e) {
      // Its claims lapse and the tasks are delivered again after the visibility timeout.
      LOG.warn("Ingest worker {} could not finish its last batch: {}", consumer, e.toString());
    }
  }

  /** Stops polling and waits up to {@code timeout} for in-flight batches. */
  public synchronized void stop(Duration timeout) {
    running.set(false);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread thread : threads) {
      try {
        thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    threads.clear();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
