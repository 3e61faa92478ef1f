package io.imagesearch.security.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.security.key.ApiKeyId;
import io.imagesearch.security.key.ApiKeyStore;
import io.imagesearch.security.key.ApiKeyStoreContract;
import io.imagesearch.security.key.KeyQuota;
import io.imagesearch.security.key.KeyUsage;
import io.imagesearch.security.key.QuotaCharge;
import io.imagesearch.security.key.StoredApiKey;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteApiKeyStoreContractTest extends ApiKeyStoreContract {

  @TempDir Path dir;
  private final List<SqliteApiKeyStore> opened = new ArrayList<>();

  @Override
  protected ApiKeyStore createStore() {
    SqliteApiKeyStore store = SqliteApiKeyStore.open(dir.resolve("keys.db"));
    opened.add(store);
    return store;
  }

  @AfterEach
  void close() {
    opened.forEach(SqliteApiKeyStore::close);
  }

  @Test
  void aDatabaseFromBeforeQuotasKeepsItsKeysWhichGetNone() throws Exception {
    Path file = dir.resolve("old.db");
    try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = old.createStatement()) {
      statement.execute(
          "CREATE TABLE api_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL, scopes TEXT NOT NULL,"
              + " secret_hash TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER,"
              + " revoked_at INTEGER, last_used_at INTEGER)");
      statement.execute(
          "INSERT INTO api_keys VALUES ('00000000000000aa', 'old', 'upload', '"
              + "0d".repeat(32)
              + "', 1000, NULL, NULL, NULL)");
    }

    SqliteApiKeyStore store = SqliteApiKeyStore.open(file);
    opened.add(store);

    StoredApiKey key = store.find(new ApiKeyId("00000000000000aa")).orElseThrow();
    assertThat(key.name()).isEqualTo("old");
    assertThat(key.quota()).isEqualTo(KeyQuota.NONE);
    assertThat(key.usage()).isEqualTo(KeyUsage.NONE);
    // The new columns count from zero.
    assertThat(store.charge(key.id(), "item", 7)).isEqualTo(QuotaCharge.CHARGED);
    assertThat(store.find(key.id()).orElseThrow().usage()).isEqualTo(new KeyUsage(1, 7));
  }
}
