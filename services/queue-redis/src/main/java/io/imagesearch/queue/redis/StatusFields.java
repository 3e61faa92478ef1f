package io.imagesearch.queue.redis;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.task.TaskId;
import io.imagesearch.core.task.TaskState;
import io.imagesearch.core.task.TaskStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a {@link TaskStatus} to hash fields and back, losslessly. A wire format like {@link
 * TaskFields}: absent optional values are absent fields.
 */
final class StatusFields {

  static final String VERSION_FIELD = "v";
  static final String VERSION = "1";
  static final String TASK_ID = "task_id";
  static final String STATE = "state";
  static final String IMAGE_ID = "image_id";
  static final String FILE_NAME = "file_name";
  static final String ERROR = "error";
  static final String ATTEMPTS = "attempts";
  static final String UPDATED_AT = "updated_at";

  private StatusFields() {}

  static Map<String, String> encode(TaskStatus status) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(VERSION_FIELD, VERSION);
    fields.put(TASK_ID, status.taskId().value());
    fields.put(STATE, status.state().name());
    if (status.imageId() != null) {
      fields.put(IMAGE_ID, status.imageId().hex());
    }
    if (status.fileName() != null) {
      fields.put(FILE_NAME, status.fileName());
    }
    if (status.error() != null && status.error().isPresent()) {
      fields.put(ERROR, status.error().get());
    }
    fields.put(ATTEMPTS, Integer.toString(status.attempts()));
    fields.put(UPDATED_AT, status.updatedAt().toString());
    return fields;
  }

  /**
   * @throws IllegalArgumentException if the fields are not a status of a known version
   */
  static TaskStatus decode(Map<String, String> fields) {
    if (!VERSION.equals(fields.get(VERSION_FIELD))) {
      throw new IllegalArgumentException(
          "unknown status format version " + fields.get(VERSION_FIELD));
    }
    try {
      String imageId = fields.get(IMAGE_ID);
      return new TaskStatus(
          new TaskId(fields.get(TASK_ID)),
          TaskState.valueOf(fields.get(STATE)),
          imageId == null ? null : new ImageId(imageId),
          fields.get(FILE_NAME),
          Optional.ofNullable(fields.get(ERROR)),
          Integer.parseInt(fields.get(ATTEMPTS)),
          Instant.parse(fields.get(UPDATED_AT)));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a valid status: " + e.getMessage(), e);
    }
  }
}
