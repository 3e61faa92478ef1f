package io.imagesearch.security.store;

import io.imagesearch.security.key.ApiKeyId;
import io.imagesearch.security.key.ApiKeyStore;
import io.imagesearch.security.key.KeyStoreException;
import io.imagesearch.security.key.Scope;
import io.imagesearch.security.key.StoredApiKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded {@link ApiKeyStore}: one table in a SQLite file, through the driver the embedded
 * task queue already ships. SQLite rather than a JSON file because its commits are atomic and
 * fsync'd (WAL, synchronous=FULL) with no hand-written write-rename-fsync dance, a revocation is a
 * one-row update instead of a rewrite of every key, and another process (a command-line tool) may
 * open the same file safely. One connection, used by one thread at a time.
 */
public final class SqliteApiKeyStore implements ApiKeyStore, AutoCloseable {

  private static final String COLUMNS =
      "id, name, scopes, secret_hash, created_at, expires_at, revoked_at, last_used_at";

  private final Path file;
  private final Connection connection;

  private SqliteApiKeyStore(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /** Opens (creating if needed) the key database {@code file}; the caller closes it. */
  public static SqliteApiKeyStore open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new KeyStoreException("cannot create the folder of " + file + ": " + e, e);
    }
    try {
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        statement.execute("PRAGMA synchronous=FULL");
        // Another process may hold the write lock for a moment; wait rather than fail.
        statement.execute("PRAGMA busy_timeout=5000");
        statement.execute(
            "CREATE TABLE IF NOT EXISTS api_keys ("
                + "id TEXT PRIMARY KEY, name TEXT NOT NULL, scopes TEXT NOT NULL,"
                + " secret_hash TEXT NOT NULL, created_at INTEGER NOT NULL,"
                + " expires_at INTEGER, revoked_at INTEGER, last_used_at INTEGER)");
      }
      return new SqliteApiKeyStore(file, connection);
    } catch (SQLException e) {
      throw new KeyStoreException(
          "cannot open the API key database " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized boolean create(StoredApiKey key) {
    String sql = "INSERT OR IGNORE INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setString(1, key.id().value());
      insert.setString(2, key.name());
      insert.setString(3, Scope.encode(key.scopes()));
      insert.setString(4, key.secretHash());
      insert.setLong(5, key.createdAt().toEpochMilli());
      setInstant(insert, 6, key.expiresAt());
      setInstant(insert, 7, key.revokedAt());
      setInstant(insert, 8, key.lastUsedAt());
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure("store key " + key.id(), e);
    }
  }

  @Override
  public synchronized Optional<StoredApiKey> find(ApiKeyId id) {
    String sql = "SELECT " + COLUMNS + " FROM api_keys WHERE id = ?";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, id.value());
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(read(row)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("read key " + id, e);
    }
  }

  @Override
  public synchronized List<StoredApiKey> list() {
    String sql = "SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id";
    try (PreparedStatement select = connection.prepareStatement(sql);
        ResultSet row = select.executeQuery()) {
      List<StoredApiKey> keys = new ArrayList<>();
      while (row.next()) {
        keys.add(read(row));
      }
      return keys;
    } catch (SQLException e) {
      throw failure("list keys", e);
    }
  }

  @Override
  public synchronized boolean revoke(ApiKeyId id, Instant at) {
    String sql = "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?";
    return update(sql, id, at, "revoke key ");
  }

  @Override
  public synchronized void recordUse(ApiKeyId id, Instant at) {
    update("UPDATE api_keys SET last_used_at = ? WHERE id = ?", id, at, "record a use of key ");
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw failure("close", e);
    }
  }

  private boolean update(String sql, ApiKeyId id, Instant at, String what) {
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setLong(1, at.toEpochMilli());
      update.setString(2, id.value());
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure(what + id, e);
    }
  }

  private static StoredApiKey read(ResultSet row) throws SQLException {
    return new StoredApiKey(
        new ApiKeyId(row.getString("id")),
        row.getString("name"),
        Scope.decode(row.getString("scopes")),
        row.getString("secret_hash"),
        Instant.ofEpochMilli(row.getLong("created_at")),
        instant(row, "expires_at"),
        instant(row, "revoked_at"),
        instant(row, "last_used_at"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    long millis = row.getLong(column);
    return row.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  private static void setInstant(PreparedStatement statement, int index, Instant value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setLong(index, value.toEpochMilli());
    }
  }

  private KeyStoreException failure(String what, SQLException e) {
    return new KeyStoreException(
        "cannot " + what + " in the API key database " + file + ": " + e.getMessage(), e);
  }
}
