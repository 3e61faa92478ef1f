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

  /**
   * Counts {@code item}, {@code bytes} long, against the key's stored quota, atomically: counted
   * and {@link QuotaCharge#CHARGED}; {@link QuotaCharge#ALREADY_COUNTED} when the key holds it
   * already; refused with nothing counted when one more image or its bytes would exceed the quota;
   * {@link QuotaCharge#UNKNOWN_KEY} with nothing counted for an unknown key.
   */
  QuotaCharge charge(ApiKeyId id, String item, long bytes);

  /** Stops counting {@code item} against the key; nothing happens when it does not count. */
  void refund(ApiKeyId id, String item);

  /** Stops counting {@code item} against every key it counts against. */
  void refundEverywhere(String item);
}
