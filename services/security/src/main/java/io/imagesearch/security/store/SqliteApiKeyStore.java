package io.imagesearch.security.store;

import io.imagesearch.security.key.ApiKeyId;
import io.imagesearch.security.key.ApiKeyStore;
import io.imagesearch.security.key.KeyQuota;
import io.imagesearch.security.key.KeyStoreException;
import io.imagesearch.security.key.KeyUsage;
import io.imagesearch.security.key.QuotaCharge;
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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The embedded {@link ApiKeyStore}: one table in a SQLite file, through the driver the embedded
 * task queue already ships. SQLite rather than a JSON file because its commits are atomic and
 * fsync'd (WAL, synchronous=FULL) with no hand-written write-rename-fsync dance, a revocation is a
 * one-row update instead of a rewrite of every key, and another process (a command-line tool) may
 * open the same file safely. One connection, used by one thread at a time. The items a key's quota
 * counts are rows of a second table, changed with the key's totals in one transaction.
 */
public final class SqliteApiKeyStore implements ApiKeyStore, AutoCloseable {

  private static final String COLUMNS =
      "id, name, scopes, secret_hash, created_at, expires_at, revoked_at, last_used_at,"
          + " max_images, max_bytes, used_images, used_bytes";

  /** Added after the first release: a database made before gets them when opened. */
  private static final List<String> QUOTA_COLUMNS =
      List.of(
          "max_images INTEGER",
          "max_bytes INTEGER",
          "used_images INTEGER NOT NULL DEFAULT 0",
          "used_bytes INTEGER NOT NULL DEFAULT 0");

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
      Properties properties = new Properties();
      // A transaction takes the write lock when it begins: one that read first could not upgrade
      // while another process writes, and would fail instead of waiting.
      properties.setProperty("transaction_mode", "IMMEDIATE");
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, properties);
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
        addMissingColumns(connection, statement);
        statement.execute(
            "CREATE TABLE IF NOT EXISTS api_key_charges (key_id TEXT NOT NULL, item TEXT NOT NULL,"
                + " bytes INTEGER NOT NULL, PRIMARY KEY (key_id, item))");
        statement.execute(
            "CREATE INDEX IF NOT EXISTS api_key_charges_by_item ON api_key_charges (item)");
      }
      return new SqliteApiKeyStore(file, connection);
    } catch (SQLException e) {
      throw new KeyStoreException(
          "cannot open the API key database " + file + ": " + e.getMessage(), e);
    }
  }

  private static void addMissingColumns(Connection connection, Statement statement)
      throws SQLException {
    Set<String> present = new HashSet<>();
    try (ResultSet columns = connection.getMetaData().getColumns(null, null, "api_keys", null)) {
      while (columns.next()) {
        present.add(columns.getString("COLUMN_NAME"));
      }
    }
    for (String column : QUOTA_COLUMNS) {
      if (!present.contains(column.substring(0, column.indexOf(' ')))) {
        statement.execute("ALTER TABLE api_keys ADD COLUMN " + column);
      }
    }
  }

  @Override
  public synchronized boolean create(StoredApiKey key) {
    String sql =
        "INSERT OR IGNORE INTO api_keys ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setString(1, key.id().value());
      insert.setString(2, key.name());
      insert.setString(3, Scope.encode(key.scopes()));
      insert.setString(4, key.secretHash());
      insert.setLong(5, key.createdAt().toEpochMilli());
      setInstant(insert, 6, key.expiresAt());
      setInstant(insert, 7, key.revokedAt());
      setInstant(insert, 8, key.lastUsedAt());
      setLong(insert, 9, key.quota().maxImages());
      setLong(insert, 10, key.quota().maxBytes());
      insert.setLong(11, key.usage().images());
      insert.setLong(12, key.usage().bytes());
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
  public synchronized QuotaCharge charge(ApiKeyId id, String item, long bytes) {
    return inTransaction(
        "count an upload against key " + id,
        () -> {
          Optional<StoredApiKey> found = find(id);
          if (found.isEmpty()) {
            return QuotaCharge.UNKNOWN_KEY;
          }
          if (chargedBytes(id, item).isPresent()) {
            return QuotaCharge.ALREADY_COUNTED;
          }
          KeyQuota quota = found.get().quota();
          KeyUsage usage = found.get().usage();
          if (quota.maxImages() != null && usage.images() + 1 > quota.maxImages()) {
            return QuotaCharge.OVER_MAX_IMAGES;
          }
          if (quota.maxBytes() != null && usage.bytes() + bytes > quota.maxBytes()) {
            return QuotaCharge.OVER_MAX_BYTES;
          }
          execute(
              "INSERT INTO api_key_charges (key_id, item, bytes) VALUES (?, ?, ?)",
              id.value(),
              item,
              bytes);
          addUsage(id, 1, bytes);
          return QuotaCharge.CHARGED;
        });
  }

  @Override
  public synchronized void refund(ApiKeyId id, String item) {
    inTransaction(
        "give back an upload counted against key " + id,
        () -> {
          Optional<Long> bytes = chargedBytes(id, item);
          if (bytes.isPresent()) {
            execute("DELETE FROM api_key_charges WHERE key_id = ? AND item = ?", id.value(), item);
            addUsage(id, -1, -bytes.get());
          }
          return null;
        });
  }

  @Override
  public synchronized void refundEverywhere(String item) {
    inTransaction(
        "give back the uploads of " + item,
        () -> {
          List<ApiKeyId> keys = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement("SELECT key_id FROM api_key_charges WHERE item = ?")) {
            select.setString(1, item);
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                keys.add(new ApiKeyId(row.getString(1)));
              }
            }
          }
          for (ApiKeyId key : keys) {
            addUsage(key, -1, -chargedBytes(key, item).orElseThrow());
          }
          execute("DELETE FROM api_key_charges WHERE item = ?", item);
          return null;
        });
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

  private Optional<Long> chargedBytes(ApiKeyId id, String item) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT bytes FROM api_key_charges WHERE key_id = ? AND item = ?")) {
      select.setString(1, id.value());
      select.setString(2, item);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
      }
    }
  }

  private void addUsage(ApiKeyId id, long images, long bytes) throws SQLException {
    execute(
        "UPDATE api_keys SET used_images = used_images + ?, used_bytes = used_bytes + ?"
            + " WHERE id = ?",
        images,
        bytes,
        id.value());
  }

  private void execute(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
  }

  /** Runs {@code work} in one transaction, rolled back when it fails. */
  private <T> T inTransaction(String what, SqlWork<T> work) {
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run();
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run() throws SQLException;
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
        instant(row, "last_used_at"),
        new KeyQuota(nullableLong(row, "max_images"), nullableLong(row, "max_bytes")),
        new KeyUsage(row.getLong("used_images"), row.getLong("used_bytes")));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Long millis = nullableLong(row, column);
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }

  private static Long nullableLong(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }

  private static void setLong(PreparedStatement statement, int index, Long value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setLong(index, value);
    }
  }

  private static void setInstant(PreparedStatement statement, int index, Instant value)
      throws SQLException {
    setLong(statement, index, value == null ? null : value.toEpochMilli());
  }

  private KeyStoreException failure(String what, SQLException e) {
    return new KeyStoreException(
        "cannot " + what + " in the API key database " + file + ": " + e.getMessage(), e);
  }
}
