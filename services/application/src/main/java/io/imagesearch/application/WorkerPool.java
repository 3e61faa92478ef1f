package io.imagesearch.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads that run an {@link IngestWorker.Pipeline} each until stopped. Stopping stops the claiming
 * at once and lets each thread finish the batches in hand within the grace period; a thread still
 * busy after it gives its batches back to the queue (PENDING, due again at once, the attempt not
 * counted) as soon as the forward pass it may be in returns.
 */
public final class WorkerPool implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  /**
   * How long, after the grace period, a thread has to give its batches back: a forward pass that
   * has begun cannot be interrupted, and the release waits for it.
   */
  static final Duration GIVE_BACK_TIMEOUT = Duration.ofSeconds(10);

  private final IngestWorker worker;
  private final String consumerPrefix;
  private final Duration grace;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile boolean givingBack;
  private final List<Thread> threads = new ArrayList<>();
  private final List<IngestWorker.Pipeline> pipelines = new ArrayList<>();

  /**
   * @param grace how long stopping waits for the batches in hand to finish before giving them back
   */
  public WorkerPool(IngestWorker worker, String consumerPrefix, Duration grace) {
    if (grace == null || grace.isNegative()) {
      throw new IllegalArgumentException("grace must be zero or positive, got " + grace);
    }
    this.worker = worker;
    this.consumerPrefix = consumerPrefix;
    this.grace = grace;
  }

  public synchronized void start(int threadCount) {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    givingBack = false;
    for (int i = 0; i < threadCount; i++) {
      String consumer = consumerPrefix + "-" + i;
      IngestWorker.Pipeline pipeline = worker.pipeline(consumer);
      pipelines.add(pipeline);
      threads.add(
          Thread.ofPlatform().name("ingest-" + consumer).start(() -> loop(consumer, pipeline)));
    }
  }

  private void loop(String consumer, IngestWorker.Pipeline pipeline) {
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

  /**
   * Stops claiming, waits up to the grace period for the batches in hand, then has the threads
   * still busy give theirs back and waits up to {@link #GIVE_BACK_TIMEOUT} for that. What is still
   * claimed after both is delivered again once the queue's visibility timeout has passed.
   */
  public synchronized void stop() {
    if (!running.getAndSet(false) && threads.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    int inHand = pipelines.stream().mapToInt(IngestWorker.Pipeline::inHand).sum();
    LOG.info(
        "Stopping {} ingest worker threads with {} tasks in hand; they have {} ms to finish",
        threads.size(),
        inHand,
        grace.toMillis());
    if (!joinAll(grace)) {
      LOG.warn(
          "Ingest workers still busy after the {} ms grace period: giving their batches back to"
              + " the queue",
          grace.toMillis());
      pipelines.forEach(IngestWorker.Pipeline::giveBackInFlight);
      givingBack = true;
      if (!joinAll(GIVE_BACK_TIMEOUT)) {
        LOG.warn(
            "Ingest workers still busy {} ms later: their tasks are delivered again after the"
                + " queue's visibility timeout",
            GIVE_BACK_TIMEOUT.toMillis());
      }
    }
    LOG.info(
        "Ingest workers stopped in {} ms", Duration.ofNanos(System.nanoTime() - start).toMillis());
    threads.clear();
    pipelines.clear();
  }

  /** Whether a stop ran out of grace and told the threads to give their batches back. */
  boolean givingBack() {
    return givingBack;
  }

  /** True when every thread ended within {@code timeout}. */
  private boolean joinAll(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread thread : threads) {
      try {
        if (!thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
          return false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    stop();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
