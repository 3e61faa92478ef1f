package io.imagesearch.contract.queue;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.task.IngestTask;
import io.imagesearch.core.task.TaskId;
import io.imagesearch.core.task.TaskState;
import io.imagesearch.core.task.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Distinct, fully populated tasks and statuses, so a lossy codec in an adapter shows up. */
public final class SampleTasks {

  /** Has nanoseconds, so an adapter that truncates instants fails the round trip. */
  private static final Instant ACCEPTED = Instant.parse("2026-03-01T10:15:30.123456789Z");

  private SampleTasks() {}

  /** A task whose file name and tags carry {@code n}, with separators adapters must escape. */
  public static IngestTask task(int n) {
    return new IngestTask(
        TaskId.random(),
        ImageId.of(("image " + n).getBytes(StandardCharsets.UTF_8)),
        "photo " + n + ", ünïcode.jpg",
        Set.of("tag-" + n, "with,comma", "with\nnewline", "with%percent"),
        ACCEPTED.plusSeconds(n));
  }

  /** A status of a task of its own, updated at {@code updatedAt}. */
  public static TaskStatus status(int n, Instant updatedAt) {
    IngestTask task = task(n);
    return new TaskStatus(
        task.taskId(),
        TaskState.STARTED,
        task.imageId(),
        task.fileName(),
        Optional.of("attempt " + n + " failed: timeout"),
        n,
        updatedAt);
  }
}
