package io.imagesearch.security.key;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where API keys live: SQLite on disk in embedded mode, Redis in distributed mode. Implementations
 * are thread-safe and throw {@link KeyStoreException} when their storage fails.
 */
public interface ApiKeyStore {

  /** Stores a new key; false (and nothing changed) if a key with its id exists. */
  boolean create(StoredApiKey key);

  Optional<StoredApiKey> find(ApiKeyId id);

  /** Every key, revoked ones included, oldest first (ties by id). */
  List<StoredApiKey> list();

  /** Marks the key revoked at {@code at}, keeping an earlier revocation; false if unknown. */
  boolean revoke(ApiKeyId id, Instant at);

  /** Records a use of the key at {@code at}; nothing happens for an unknown key. */
  void recordUse(ApiKeyId id, Instant at);
}
