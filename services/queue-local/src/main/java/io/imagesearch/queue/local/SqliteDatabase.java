package io.imagesearch.queue.local;

import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * One SQLite file used by this process alone. WAL mode with synchronous=FULL fsyncs the log on
 * every commit, so a committed transaction survives kill -9 and power loss, and an interrupted one
 * is rolled back when the file is next opened. Not thread-safe: its owner serializes calls.
 */
final class SqliteDatabase implements AutoCloseable {

  /** Work inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Path file;
  private final FileLock lock;
  private final Connection connection;

  private SqliteDatabase(Path file, FileLock lock, Connection connection) {
    this.file = file;
    this.lock = lock;
    this.connection = connection;
  }

  /** Opens (creating if needed) {@code dataDir/name.db} and applies {@code schema}. */
  static SqliteDatabase open(Path dataDir, String name, List<String> schema) {
    Path dir = DataDirectory.prepare(dataDir);
    FileLock lock = DataDirectory.lockExclusively(dir, name + ".lock");
    Path file = dir.resolve(name + ".db");
    try {
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement statement = connection.createStatement()) {
        try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode=WAL")) {
          if (!mode.next() || !"wal".equalsIgnoreCase(mode.getString(1))) {
            throw new SQLException("the file system does not support SQLite's WAL mode");
          }
        }
        statement.execute("PRAGMA synchronous=FULL");
        for (String ddl : schema) {
          statement.execute(ddl);
        }
      }
      connection.setAutoCommit(false);
      return new SqliteDatabase(file, lock, connection);
    } catch (SQLException e) {
      release(lock);
      throw new LocalStorageException(
          "cannot open " + file + ": " + e.getMessage() + " (is it a SQLite file of this queue?)",
          e);
    }
  }

  <T> T transaction(Work<T> work) {
    try {
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new LocalStorageException("failed to update " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new LocalStorageException("failed to close " + file + ": " + e.getMessage(), e);
    } finally {
      release(lock);
    }
  }

  private static void release(FileLock lock) {
    try {
      lock.channel().close();
    } catch (IOException ignored) {
      // Closing the channel releases the lock; the OS does so anyway when the process ends.
    }
  }
}
