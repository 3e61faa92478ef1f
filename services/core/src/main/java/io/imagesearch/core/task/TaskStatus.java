package io.imagesearch.core.task;

import io.imagesearch.core.image.ImageId;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a task stands. {@code error} says why a FAILURE happened (or why the last attempt failed
 * while it is retried); {@code attempts} counts deliveries to a worker.
 */
public record TaskStatus(
    TaskId taskId,
    TaskState state,
    ImageId imageId,
    String fileName,
    Optional<String> error,
    int attempts,
    Instant updatedAt) {

  public static TaskStatus pending(IngestTask task, Instant now) {
    return new TaskStatus(
        task.taskId(),
        TaskState.PENDING,
        task.imageId(),
        task.fileName(),
        Optional.empty(),
        0,
        now);
  }

  public TaskStatus started(int attempt, Instant now) {
    return new TaskStatus(taskId, TaskState.STARTED, imageId, fileName, error, attempt, now);
  }

  public TaskStatus succeeded(Instant now) {
    return new TaskStatus(
        taskId, TaskState.SUCCESS, imageId, fileName, Optional.empty(), attempts, now);
  }

  public TaskStatus failed(String reason, Instant now) {
    return new TaskStatus(
        taskId, TaskState.FAILURE, imageId, fileName, Optional.of(reason), attempts, now);
  }

  /**
   * Back to PENDING without this attempt: the worker stopped before it could finish the task, so
   * the attempt does not count (the queue's release does not count it either).
   */
  public TaskStatus released(Instant now) {
    return new TaskStatus(
        taskId, TaskState.PENDING, imageId, fileName, error, Math.max(0, attempts - 1), now);
  }

  public TaskStatus retrying(String reason, Instant now) {
    return new TaskStatus(
        taskId, TaskState.PENDING, imageId, fileName, Optional.of(reason), attempts, now);
  }
}
