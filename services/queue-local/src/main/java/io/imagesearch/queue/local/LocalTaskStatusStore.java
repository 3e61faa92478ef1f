package io.imagesearch.queue.local;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.port.TaskStatusStore;
import io.imagesearch.core.task.TaskId;
import io.imagesearch.core.task.TaskState;
import io.imagesearch.core.task.TaskStatus;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedded {@link TaskStatusStore}: one row per task in {@code status.db} under the data
 * directory, committed (fsync'd) before {@link #put} returns. Recency is the status's own update
 * time; among equal times the later put comes first. Thread-safe.
 */
public final class LocalTaskStatusStore implements TaskStatusStore, AutoCloseable {

  private static final List<String> SCHEMA =
      List.of(
          """
          CREATE TABLE IF NOT EXISTS statuses (
            task_id TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            image_id TEXT,
            file_name TEXT,
            error TEXT,
            attempts INTEGER NOT NULL,
            updated_second INTEGER NOT NULL,
            updated_nano INTEGER NOT NULL,
            revision INTEGER NOT NULL)""",
          """
          CREATE INDEX IF NOT EXISTS statuses_by_recency
            ON statuses (updated_second DESC, updated_nano DESC, revision DESC)""");

  private static final String COLUMNS =
      "task_id, state, image_id, file_name, error, attempts, updated_second, updated_nano";

  private final SqliteDatabase db;
  private long revision;

  public LocalTaskStatusStore(Path dataDirectory) {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    this.db = SqliteDatabase.open(dataDirectory.toAbsolutePath().normalize(), "status", SCHEMA);
    this.revision =
        db.transaction(
            c -> {
              try (PreparedStatement max =
                      c.prepareStatement("SELECT COALESCE(MAX(revision), 0) FROM statuses");
                  ResultSet row = max.executeQuery()) {
                row.next();
                return row.getLong(1);
              }
            });
  }

  @Override
  public void put(TaskStatus status) {
    putAll(List.of(status));
  }

  /** One commit for all of them; later entries count as more recent among equal update times. */
  @Override
  public synchronized void putAll(List<TaskStatus> statuses) {
    statuses.forEach(LocalTaskStatusStore::requireComplete);
    if (statuses.isEmpty()) {
      return;
    }
    long first = revision + 1;
    db.transaction(
        c -> {
          try (PreparedStatement upsert =
              c.prepareStatement(
                  "INSERT OR REPLACE INTO statuses ("
                      + COLUMNS
                      + ", revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            long next = first;
            for (TaskStatus status : statuses) {
              bind(upsert, status, next++);
              upsert.addBatch();
            }
            return upsert.executeBatch();
          }
        });
    revision = first + statuses.size() - 1;
  }

  private static void requireComplete(TaskStatus status) {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(status.taskId(), "status.taskId");
    Objects.requireNonNull(status.state(), "status.state");
    Objects.requireNonNull(status.updatedAt(), "status.updatedAt");
  }

  private static void bind(PreparedStatement upsert, TaskStatus status, long revision)
      throws SQLException {
    upsert.setString(1, status.taskId().value());
    upsert.setString(2, status.state().name());
    upsert.setString(3, status.imageId() == null ? null : status.imageId().hex());
    upsert.setString(4, status.fileName());
    upsert.setString(5, status.error() == null ? null : status.error().orElse(null));
    upsert.setInt(6, status.attempts());
    upsert.setLong(7, status.updatedAt().getEpochSecond());
    upsert.setInt(8, status.updatedAt().getNano());
    upsert.setLong(9, revision);
  }

  @Override
  public synchronized Optional<TaskStatus> get(TaskId id) {
    Objects.requireNonNull(id, "id");
    return db.transaction(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT " + COLUMNS + " FROM statuses WHERE task_id = ?")) {
            select.setString(1, id.value());
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public synchronized List<TaskStatus> recent(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be zero or positive, got " + limit);
    }
    return db.transaction(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM statuses"
                      + " ORDER BY updated_second DESC, updated_nano DESC, revision DESC LIMIT ?")) {
            select.setInt(1, limit);
            List<TaskStatus> statuses = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                statuses.add(read(rows));
              }
            }
            return statuses;
          }
        });
  }

  @Override
  public synchronized void close() {
    db.close();
  }

  private static TaskStatus read(ResultSet row) throws SQLException {
    String imageId = row.getString("image_id");
    return new TaskStatus(
        new TaskId(row.getString("task_id")),
        TaskState.valueOf(row.getString("state")),
        imageId == null ? null : new ImageId(imageId),
        row.getString("file_name"),
        Optional.ofNullable(row.getString("error")),
        row.getInt("attempts"),
        Instant.ofEpochSecond(row.getLong("updated_second"), row.getInt("updated_nano")));
  }
}
