package io.imagesearch.security.store;

import io.imagesearch.security.key.ApiKeyStore;
import io.imagesearch.security.key.ApiKeyStoreContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
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
}
