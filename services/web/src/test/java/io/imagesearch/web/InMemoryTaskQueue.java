package io.imagesearch.web;

import io.imagesearch.core.port.TaskQueue;
import io.imagesearch.core.task.IngestTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * Queued tasks in a list, never delivered: the web layer only enqueues and asks for the backlog,
 * which a test may set (or make fail) to drive the backpressure guard.
 */
final class InMemoryTaskQueue implements TaskQueue {

  private final List<IngestTask> tasks = new CopyOnWriteArrayList<>();
  private volatile LongSupplier backlog = () -> tasks.size();
  private volatile boolean down;

  List<IngestTask> tasks() {
    return List.copyOf(tasks);
  }

  void backlogIs(LongSupplier backlog) {
    this.backlog = backlog;
  }

  void goDown() {
    down = true;
  }

  void clear() {
    tasks.clear();
    backlog = () -> tasks.size();
    down = false;
  }

  @Override
  public void enqueue(IngestTask task) {
    if (down) {
      throw new IllegalStateException("queue connection refused");
    }
    tasks.add(task);
  }

  @Override
  public List<Delivery> poll(String consumer, int max, Duration wait) {
    return List.of();
  }

  @Override
  public void acknowledge(Delivery delivery) {}

  @Override
  public void retryLater(Delivery delivery, Duration backoff, String reason) {}

  @Override
  public void release(Delivery delivery) {}

  @Override
  public void deadLetter(Delivery delivery, String reason) {}

  @Override
  public long backlog() {
    return backlog.getAsLong();
  }

  @Override
  public Optional<Instant> oldestAcceptedAt() {
    return tasks.stream().map(IngestTask::acceptedAt).min(Instant::compareTo);
  }
}
