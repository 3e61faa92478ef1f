package io.imagesearch.queue.local;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.task.EncodedTags;
import io.imagesearch.core.task.IngestTask;
import io.imagesearch.core.task.TaskId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Maps an {@link IngestTask} to the columns {@link #COLUMNS} and back, losslessly. */
final class TaskRows {

  static final String COLUMNS = "task_id, image_id, file_name, tags, accepted_at";

  private TaskRows() {}

  /** Binds the task to five parameters starting at {@code first}. */
  static void bind(PreparedStatement statement, int first, IngestTask task) throws SQLException {
    statement.setString(first, task.taskId().value());
    statement.setString(first + 1, task.imageId().hex());
    statement.setString(first + 2, task.fileName());
    statement.setString(first + 3, EncodedTags.encode(task.tags()));
    // ISO-8601 keeps the nanoseconds that epoch millis would drop.
    statement.setString(first + 4, task.acceptedAt() == null ? null : task.acceptedAt().toString());
  }

  /** Reads a task from the columns named by {@link #COLUMNS}. */
  static IngestTask read(ResultSet row) throws SQLException {
    String acceptedAt = row.getString("accepted_at");
    return new IngestTask(
        new TaskId(row.getString("task_id")),
        new ImageId(row.getString("image_id")),
        row.getString("file_name"),
        EncodedTags.decode(row.getString("tags")),
        acceptedAt == null ? null : Instant.parse(acceptedAt));
  }
}
