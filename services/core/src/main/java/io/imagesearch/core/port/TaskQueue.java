package io.imagesearch.core.port;

import io.imagesearch.core.task.IngestTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * At-least-once delivery of ingest tasks to workers. A task stays claimed by the worker that polled
 * it until that worker acknowledges, retries or dead-letters it; a worker that dies leaves its
 * claims to be re-delivered to another after a visibility timeout.
 */
public interface TaskQueue {

  /** Adds the task; durable when it returns. */
  void enqueue(IngestTask task);

  /**
   * Adds each task, in order, as {@link #enqueue} would; all durable when it returns. Adapters that
   * pay for each durable write override it to do them at once.
   */
  default void enqueueAll(List<IngestTask> tasks) {
    tasks.forEach(this::enqueue);
  }

  /** Claims up to {@code max} tasks that are due, waiting up to {@code wait} for the first one. */
  List<Delivery> poll(String consumer, int max, Duration wait);

  /** The task is done: it will not be delivered again. */
  void acknowledge(Delivery delivery);

  /**
   * Acknowledges each delivery, as {@link #acknowledge} would; adapters that pay for each durable
   * write override it to do them at once.
   */
  default void acknowledgeAll(List<Delivery> deliveries) {
    deliveries.forEach(this::acknowledge);
  }

  /** The attempt failed for a transient reason: deliver again after {@code backoff}. */
  void retryLater(Delivery delivery, Duration backoff, String reason);

  /**
   * Gives the claim back without counting this delivery as an attempt: the task is due again at
   * once. For a worker that stops before it could finish the task, which did not fail. Ignored if
   * the claim is no longer held (it expired and the task was delivered again, or it is done).
   */
  void release(Delivery delivery);

  /**
   * Releases each delivery, as {@link #release} would; adapters that pay for each durable write
   * override it to do them at once.
   */
  default void releaseAll(List<Delivery> deliveries) {
    deliveries.forEach(this::release);
  }

  /** The task cannot succeed: move it to the dead letters with the reason. */
  void deadLetter(Delivery delivery, String reason);

  /** Tasks accepted but not yet acknowledged or dead-lettered. */
  long backlog();

  /**
   * When the oldest task of the backlog was accepted (its age is how far ingest lags behind); empty
   * when the backlog is empty.
   */
  Optional<Instant> oldestAcceptedAt();

  /** The argument checks every adapter's {@link #poll} makes, with the same messages. */
  static void checkPollArguments(String consumer, int max, Duration wait) {
    if (consumer == null || consumer.isBlank()) {
      throw new IllegalArgumentException("consumer must name the polling worker");
    }
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, got " + max);
    }
    if (wait == null || wait.isNegative()) {
      throw new IllegalArgumentException("wait must be zero or positive, got " + wait);
    }
  }

  /** A claimed task; {@code attempt} is 1 on first delivery. */
  record Delivery(IngestTask task, int attempt, String receipt) {}
}
