package io.imagesearch.security.key;

import java.util.Objects;

/**
 * Counts uploads against their keys' quotas in the key store, which keeps per key the items it
 * holds and their totals, so every process and replica that shares the store counts alike.
 * Thread-safe.
 */
public final class KeyQuotas {

  private final ApiKeyStore store;

  public KeyQuotas(ApiKeyStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * Counts {@code item}, {@code bytes} long, against {@code key}'s quota; a key without one is not
   * asked about at all.
   *
   * @throws KeyStoreException when the store cannot be reached
   */
  public QuotaCharge charge(ApiPrincipal key, String item, long bytes) {
    if (!key.quota().limitsAnything()) {
      return QuotaCharge.NO_QUOTA;
    }
    return store.charge(key.keyId(), item, bytes);
  }

  /**
   * Stops counting {@code item} against {@code key}: it was not stored after all.
   *
   * @throws KeyStoreException when the store cannot be reached
   */
  public void refund(ApiKeyId key, String item) {
    store.refund(key, item);
  }

  /**
   * Stops counting {@code item} against every key that holds it: it was deleted.
   *
   * @throws KeyStoreException when the store cannot be reached
   */
  public void release(String item) {
    store.refundEverywhere(item);
  }
}
