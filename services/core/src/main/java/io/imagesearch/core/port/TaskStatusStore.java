package io.imagesearch.core.port;

import io.imagesearch.core.task.TaskId;
import io.imagesearch.core.task.TaskStatus;
import java.util.List;
import java.util.Optional;

/** The latest status of each task, for clients polling their uploads. */
public interface TaskStatusStore {

  void put(TaskStatus status);

  /**
   * Puts each status, in order, as {@link #put} would. Adapters that pay for each durable write
   * override it to write the whole list at once (a worker records a batch's outcome this way).
   */
  default void putAll(List<TaskStatus> statuses) {
    statuses.forEach(this::put);
  }

  Optional<TaskStatus> get(TaskId id);

  /** The most recently updated first. */
  List<TaskStatus> recent(int limit);
}
