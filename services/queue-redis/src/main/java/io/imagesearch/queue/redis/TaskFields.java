package io.imagesearch.queue.redis;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.task.EncodedTags;
import io.imagesearch.core.task.IngestTask;
import io.imagesearch.core.task.TaskId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps an {@link IngestTask} to stream entry fields and back, losslessly. The names are a wire
 * format shared by every process of a cluster: add fields and bump {@link #VERSION} only with a
 * decoder that still reads the old version.
 */
final class TaskFields {

  static final String VERSION_FIELD = "v";
  static final String VERSION = "1";
  static final String TASK_ID = "task_id";
  static final String IMAGE_ID = "image_id";
  static final String FILE_NAME = "file_name";
  static final String TAGS = "tags";
  static final String ACCEPTED_AT = "accepted_at";

  /**
   * Deliveries before this entry was (re-)added to the stream, written by the retry scripts; absent
   * on a first enqueue. The attempt of a delivery is this plus the entry's delivery count.
   */
  static final String PRIOR_ATTEMPTS = "prior_attempts";

  private TaskFields() {}

  static Map<String, String> encode(IngestTask task) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(VERSION_FIELD, VERSION);
    fields.put(TASK_ID, task.taskId().value());
    fields.put(IMAGE_ID, task.imageId().hex());
    if (task.fileName() != null) {
      fields.put(FILE_NAME, task.fileName());
    }
    fields.put(TAGS, EncodedTags.encode(task.tags()));
    if (task.acceptedAt() != null) {
      // ISO-8601 keeps the nanoseconds that epoch millis would drop.
      fields.put(ACCEPTED_AT, task.acceptedAt().toString());
    }
    return fields;
  }

  /**
   * @throws IllegalArgumentException if the fields are not a task of a known version
   */
  static IngestTask decode(Map<String, String> fields) {
    if (!VERSION.equals(fields.get(VERSION_FIELD))) {
      throw new IllegalArgumentException(
          "unknown task format version " + fields.get(VERSION_FIELD));
    }
    try {
      String acceptedAt = fields.get(ACCEPTED_AT);
      return new IngestTask(
          new TaskId(fields.get(TASK_ID)),
          new ImageId(fields.get(IMAGE_ID)),
          fields.get(FILE_NAME),
          EncodedTags.decode(require(fields, TAGS)),
          acceptedAt == null ? null : Instant.parse(acceptedAt));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a valid task: " + e.getMessage(), e);
    }
  }

  static int priorAttempts(Map<String, String> fields) {
    String prior = fields.get(PRIOR_ATTEMPTS);
    return prior == null ? 0 : Integer.parseInt(prior);
  }

  private static String require(Map<String, String> fields, String name) {
    String value = fields.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing field " + name);
    }
    return value;
  }
}
