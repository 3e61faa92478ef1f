package io.imagesearch.web;

import io.imagesearch.core.port.TaskStatusStore;
import io.imagesearch.core.task.TaskId;
import io.imagesearch.core.task.TaskStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The latest status of each task in a map. */
final class InMemoryTaskStatusStore implements TaskStatusStore {

  private final Map<TaskId, TaskStatus> statuses = new ConcurrentHashMap<>();

  void clear() {
    statuses.clear();
  }

  @Override
  public void put(TaskStatus status) {
    statuses.put(status.taskId(), status);
  }

  @Override
  public Optional<TaskStatus> get(TaskId id) {
    return Optional.ofNullable(statuses.get(id));
  }

  @Override
  public List<TaskStatus> recent(int limit) {
    return statuses.values().stream()
        .sorted(Comparator.comparing(TaskStatus::updatedAt).reversed())
        .limit(limit)
        .toList();
  }
}
