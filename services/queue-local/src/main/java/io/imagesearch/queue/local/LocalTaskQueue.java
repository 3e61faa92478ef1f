package io.imagesearch.queue.local;

import io.imagesearch.core.port.TaskQueue;
import io.imagesearch.core.task.IngestTask;
import io.imagesearch.core.time.SaturatingTime;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded {@link TaskQueue}: at-least-once delivery, durable on disk under the configured data
 * directory (see {@link SqliteDatabase}). Every call commits before it returns: an enqueue, a claim
 * and its attempt count, a retry's due time and a dead letter all survive a crash. Claims are
 * stored with their expiry, so tasks held by a process that died are delivered again once their
 * visibility timeout has passed, also after a restart.
 *
 * <p>Thread-safe: one lock serializes all access, and each commit costs one fsync. Claims and
 * retries are dated by the wall clock because they must keep their meaning across a restart.
 */
public final class LocalTaskQueue implements TaskQueue, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(LocalTaskQueue.class.getName());

  /** Re-check for due tasks at least this often, in case the wall clock jumps. */
  private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final LocalQueueConfig config;
  private final Clock clock = Clock.systemUTC();
  private final QueueTables tables;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private boolean closed;

  public LocalTaskQueue(LocalQueueConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.tables = new QueueTables(config.dataDirectory());
  }

  @Override
  public void enqueue(IngestTask task) {
    enqueueAll(List.of(task));
  }

  /** One commit for all of them. */
  @Override
  public void enqueueAll(List<IngestTask> tasks) {
    for (IngestTask task : tasks) {
      Objects.requireNonNull(task, "task");
      Objects.requireNonNull(task.taskId(), "task.taskId");
      Objects.requireNonNull(task.imageId(), "task.imageId");
    }
    if (tasks.isEmpty()) {
      return;
    }
    withLock(
        () -> {
          tables.insert(tasks, clock.millis());
          changed.signalAll();
        });
  }

  @Override
  public List<Delivery> poll(String consumer, int max, Duration wait) {
    TaskQueue.checkPollArguments(consumer, max, wait);
    long deadline = System.nanoTime() + SaturatingTime.nanos(wait);
    lock.lock();
    try {
      ensureOpen();
      while (!closed) {
        long now = clock.millis();
        List<Delivery> claimed =
            tables.claim(
                consumer, max, now, SaturatingTime.millisAfter(now, config.visibilityTimeout()));
        long remaining = deadline - System.nanoTime();
        if (!claimed.isEmpty() || remaining <= 0) {
          return claimed;
        }
        changed.awaitNanos(Math.min(remaining, nanosUntilNextVisible()));
      }
      return List.of();
    } catch (InterruptedException e) {
      // A worker being stopped: no claim was made, so nothing is lost.
      Thread.currentThread().interrupt();
      return List.of();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes the task for good. Honoured even if this claim has expired and the task was delivered
   * again: the work is done, and the newer delivery's acknowledge is then a no-op.
   */
  @Override
  public void acknowledge(Delivery delivery) {
    acknowledgeAll(List.of(delivery));
  }

  /** One commit for all of them. */
  @Override
  public void acknowledgeAll(List<Delivery> deliveries) {
    List<Receipt> receipts = deliveries.stream().map(Receipt::of).toList();
    if (!receipts.isEmpty()) {
      withLock(() -> tables.delete(receipts));
    }
  }

  /** Ignored (and logged) if the claim expired: the task's newer holder decides its fate. */
  @Override
  public void retryLater(Delivery delivery, Duration backoff, String reason) {
    Receipt receipt = Receipt.of(delivery);
    if (backoff == null || backoff.isNegative()) {
      throw new IllegalArgumentException("backoff must be zero or positive, got " + backoff);
    }
    withLock(
        () -> {
          if (tables.release(
              receipt, SaturatingTime.millisAfter(clock.millis(), backoff), reason)) {
            changed.signalAll();
          } else {
            logStale("retryLater", delivery);
          }
        });
  }

  /** Ignored (and logged) if the claim expired: the task's newer holder decides its fate. */
  @Override
  public void release(Delivery delivery) {
    releaseAll(List.of(delivery));
  }

  /** One commit for all of them; each stale one is ignored and logged. */
  @Override
  public void releaseAll(List<Delivery> deliveries) {
    List<Receipt> receipts = deliveries.stream().map(Receipt::of).toList();
    if (receipts.isEmpty()) {
      return;
    }
    withLock(
        () -> {
          boolean[] held = tables.giveBack(receipts, clock.millis());
          for (int i = 0; i < held.length; i++) {
            if (!held[i]) {
              logStale("release", deliveries.get(i));
            }
          }
          changed.signalAll();
        });
  }

  /** Ignored (and logged) if the claim expired: the task's newer holder decides its fate. */
  @Override
  public void deadLetter(Delivery delivery, String reason) {
    Receipt receipt = Receipt.of(delivery);
    Objects.requireNonNull(reason, "reason");
    withLock(
        () -> {
          if (!tables.bury(receipt, reason, clock.millis())) {
            logStale("deadLetter", delivery);
          }
        });
  }

  @Override
  public java.util.Optional<java.time.Instant> oldestAcceptedAt() {
    lock.lock();
    try {
      ensureOpen();
      return tables.oldestAcceptedAt().map(java.time.Instant::parse);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long backlog() {
    lock.lock();
    try {
      ensureOpen();
      return tables.count();
    } finally {
      lock.unlock();
    }
  }

  /** The most recent {@code limit} dead letters, newest first. */
  public List<DeadLetter> deadLetters(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    lock.lock();
    try {
      ensureOpen();
      return tables.deadLetters(limit);
    } finally {
      lock.unlock();
    }
  }

  /** Wakes waiting polls (they return empty) and closes the files. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        changed.signalAll();
        tables.close();
      }
    } finally {
      lock.unlock();
    }
  }

  private void withLock(Runnable action) {
    lock.lock();
    try {
      ensureOpen();
      action.run();
    } finally {
      lock.unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the task queue in " + config.dataDirectory() + " is closed");
    }
  }

  private long nanosUntilNextVisible() {
    OptionalLong next = tables.nextVisibleAt();
    if (next.isEmpty()) {
      return MAX_SLEEP_NANOS;
    }
    long millis = Math.max(1, next.getAsLong() - clock.millis());
    return Math.min(MAX_SLEEP_NANOS, TimeUnit.MILLISECONDS.toNanos(millis));
  }

  private void logStale(String operation, Delivery delivery) {
    LOG.log(
        Level.WARNING,
        "{0} of task {1} ignored: its claim expired and it was delivered again",
        operation,
        delivery.task().taskId());
  }
}
