package io.imagesearch.queue.local;

import io.imagesearch.core.port.TaskQueue.Delivery;
import io.imagesearch.core.task.IngestTask;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The queue's SQL. A task is a row of {@code tasks} until it is acknowledged or dead-lettered;
 * {@code visible_at} (epoch millis) is when it may next be claimed: its enqueue time, the end of
 * the current claim, or the end of a retry backoff. Each method is one transaction.
 */
final class QueueTables implements AutoCloseable {

  private static final List<String> SCHEMA =
      List.of(
          // AUTOINCREMENT: a seq is never reused, so a stale receipt can never name a newer task.
          """
          CREATE TABLE IF NOT EXISTS tasks (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            task_id TEXT NOT NULL,
            image_id TEXT NOT NULL,
            file_name TEXT,
            tags TEXT NOT NULL,
            accepted_at TEXT,
            attempts INTEGER NOT NULL,
            visible_at INTEGER NOT NULL,
            claim_token TEXT,
            consumer TEXT,
            last_error TEXT)""",
          "CREATE INDEX IF NOT EXISTS tasks_by_visible_at ON tasks (visible_at)",
          """
          CREATE TABLE IF NOT EXISTS dead_letters (
            seq INTEGER PRIMARY KEY,
            task_id TEXT NOT NULL,
            image_id TEXT NOT NULL,
            file_name TEXT,
            tags TEXT NOT NULL,
            accepted_at TEXT,
            attempts INTEGER NOT NULL,
            reason TEXT NOT NULL,
            dead_at INTEGER NOT NULL)""");

  private final SqliteDatabase db;

  QueueTables(Path dataDirectory) {
    this.db = SqliteDatabase.open(dataDirectory, "queue", SCHEMA);
  }

  /** Inserts the tasks in order, in one transaction. */
  void insert(List<IngestTask> tasks, long visibleAt) {
    db.transaction(
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO tasks ("
                      + TaskRows.COLUMNS
                      + ", attempts, visible_at) VALUES (?, ?, ?, ?, ?, 0, ?)")) {
            for (IngestTask task : tasks) {
              TaskRows.bind(insert, 1, task);
              insert.setLong(6, visibleAt);
              insert.addBatch();
            }
            return insert.executeBatch();
          }
        });
  }

  /** Claims up to {@code max} tasks visible at {@code now}, oldest first, until {@code until}. */
  List<Delivery> claim(String consumer, int max, long now, long until) {
    return db.transaction(
        c -> {
          List<Delivery> claimed = new ArrayList<>();
          try (PreparedStatement due =
                  c.prepareStatement(
                      "SELECT seq, attempts, "
                          + TaskRows.COLUMNS
                          + " FROM tasks WHERE visible_at <= ? ORDER BY seq LIMIT ?");
              PreparedStatement take =
                  c.prepareStatement(
                      "UPDATE tasks SET attempts = attempts + 1, visible_at = ?, claim_token = ?,"
                          + " consumer = ? WHERE seq = ?")) {
            due.setLong(1, now);
            due.setInt(2, max);
            try (ResultSet rows = due.executeQuery()) {
              while (rows.next()) {
                Receipt receipt = Receipt.newClaim(rows.getLong("seq"));
                int attempt = rows.getInt("attempts") + 1;
                claimed.add(new Delivery(TaskRows.read(rows), attempt, receipt.toString()));
                take.setLong(1, until);
                take.setString(2, receipt.token());
                take.setString(3, consumer);
                take.setLong(4, receipt.seq());
                take.addBatch();
              }
            }
            take.executeBatch();
          }
          return claimed;
        });
  }

  /** Deletes the tasks whatever their current claims, in one commit: their work is done. */
  void delete(List<Receipt> receipts) {
    db.transaction(
        c -> {
          try (PreparedStatement delete = c.prepareStatement("DELETE FROM tasks WHERE seq = ?")) {
            for (Receipt receipt : receipts) {
              delete.setLong(1, receipt.seq());
              delete.addBatch();
            }
            return delete.executeBatch();
          }
        });
  }

  /** Ends the claim and makes the task visible at {@code visibleAt}; false if no longer held. */
  boolean release(Receipt receipt, long visibleAt, String reason) {
    return db.transaction(
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE tasks SET visible_at = ?, claim_token = NULL, consumer = NULL,"
                      + " last_error = ? WHERE seq = ? AND claim_token = ?")) {
            update.setLong(1, visibleAt);
            update.setString(2, reason);
            update.setLong(3, receipt.seq());
            update.setString(4, receipt.token());
            return update.executeUpdate() == 1;
          }
        });
  }

  /**
   * Ends the claims, due again at {@code now}, and takes back the attempt each claim counted, in
   * one transaction; returns, per receipt, whether its claim was still held.
   */
  boolean[] giveBack(List<Receipt> receipts, long now) {
    return db.transaction(
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE tasks SET attempts = MAX(0, attempts - 1), visible_at = ?,"
                      + " claim_token = NULL, consumer = NULL WHERE seq = ? AND claim_token = ?")) {
            for (Receipt receipt : receipts) {
              update.setLong(1, now);
              update.setLong(2, receipt.seq());
              update.setString(3, receipt.token());
              update.addBatch();
            }
            int[] counts = update.executeBatch();
            boolean[] held = new boolean[counts.length];
            for (int i = 0; i < counts.length; i++) {
              held[i] = counts[i] == 1;
            }
            return held;
          }
        });
  }

  /**
   * Moves the task to the dead letters in one transaction; false if the claim is no longer held.
   */
  boolean bury(Receipt receipt, String reason, long now) {
    return db.transaction(
        c -> {
          try (PreparedStatement copy =
                  c.prepareStatement(
                      "INSERT INTO dead_letters (seq, "
                          + TaskRows.COLUMNS
                          + ", attempts, reason, dead_at) SELECT seq, "
                          + TaskRows.COLUMNS
                          + ", attempts, ?, ? FROM tasks WHERE seq = ? AND claim_token = ?");
              PreparedStatement delete =
                  c.prepareStatement("DELETE FROM tasks WHERE seq = ? AND claim_token = ?")) {
            copy.setString(1, reason);
            copy.setLong(2, now);
            copy.setLong(3, receipt.seq());
            copy.setString(4, receipt.token());
            if (copy.executeUpdate() == 0) {
              return false;
            }
            delete.setLong(1, receipt.seq());
            delete.setString(2, receipt.token());
            delete.executeUpdate();
            return true;
          }
        });
  }

  /** accepted_at of the task enqueued first among those still queued. */
  java.util.Optional<String> oldestAcceptedAt() {
    return db.transaction(
        c -> {
          try (PreparedStatement oldest =
                  c.prepareStatement("SELECT accepted_at FROM tasks ORDER BY seq LIMIT 1");
              ResultSet row = oldest.executeQuery()) {
            return row.next()
                ? java.util.Optional.ofNullable(row.getString(1))
                : java.util.Optional.<String>empty();
          }
        });
  }

  long count() {
    return db.transaction(
        c -> {
          try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM tasks");
              ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
          }
        });
  }

  /** When the next task becomes visible, if there is any task. */
  OptionalLong nextVisibleAt() {
    return db.transaction(
        c -> {
          try (PreparedStatement min = c.prepareStatement("SELECT MIN(visible_at) FROM tasks");
              ResultSet row = min.executeQuery()) {
            row.next();
            long value = row.getLong(1);
            return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
          }
        });
  }

  /** The most recent dead letters first. */
  List<DeadLetter> deadLetters(int limit) {
    return db.transaction(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT attempts, reason, dead_at, "
                      + TaskRows.COLUMNS
                      + " FROM dead_letters ORDER BY dead_at DESC, seq DESC LIMIT ?")) {
            select.setInt(1, limit);
            List<DeadLetter> letters = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                letters.add(
                    new DeadLetter(
                        TaskRows.read(rows),
                        rows.getInt("attempts"),
                        rows.getString("reason"),
                        Instant.ofEpochMilli(rows.getLong("dead_at"))));
              }
            }
            return letters;
          }
        });
  }

  @Override
  public void close() {
    db.close();
  }
}
