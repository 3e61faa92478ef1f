package io.imagesearch.core.port;

import io.imagesearch.core.task.TaskId;
import io.imagesearch.core.task.TaskStatus;
import java.util.List;
import java.util.Optional;

/** The latest status of each task, for clients polling their uploads. */
public interface TaskStatusStore {

  void put(TaskStatus status);

  Optional<TaskStatus> get(TaskId id);

  /** The most recently updated first. */
  List<TaskStatus> recent(int limit);
}
