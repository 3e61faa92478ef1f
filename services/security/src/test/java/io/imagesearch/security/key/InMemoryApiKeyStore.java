package io.imagesearch.security.key;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A store in a map, for tests of what sits on top of the port. Passes the contract. */
public final class InMemoryApiKeyStore implements ApiKeyStore {

  private final Map<ApiKeyId, StoredApiKey> keys = new ConcurrentHashMap<>();

  /** Per key, the bytes of each item its quota counts; guarded by itself with the totals. */
  private final Map<ApiKeyId, Map<String, Long>> charges = new HashMap<>();

  @Override
  public boolean create(StoredApiKey key) {
    return keys.putIfAbsent(key.id(), key) == null;
  }

  @Override
  public Optional<StoredApiKey> find(ApiKeyId id) {
    return Optional.ofNullable(keys.get(id));
  }

  @Override
  public List<StoredApiKey> list() {
    return keys.values().stream()
        .sorted(
            Comparator.comparing(StoredApiKey::createdAt).thenComparing(key -> key.id().value()))
        .toList();
  }

  @Override
  public boolean revoke(ApiKeyId id, Instant at) {
    return keys.computeIfPresent(id, (k, key) -> key.isRevoked() ? key : key.withRevokedAt(at))
        != null;
  }

  @Override
  public void recordUse(ApiKeyId id, Instant at) {
    keys.computeIfPresent(id, (k, key) -> key.withLastUsedAt(at));
  }

  @Override
  public QuotaCharge charge(ApiKeyId id, String item, long bytes) {
    synchronized (charges) {
      StoredApiKey key = keys.get(id);
      if (key == null) {
        return QuotaCharge.UNKNOWN_KEY;
      }
      Map<String, Long> held = charges.computeIfAbsent(id, k -> new HashMap<>());
      if (held.containsKey(item)) {
        return QuotaCharge.ALREADY_COUNTED;
      }
      KeyUsage usage = key.usage();
      if (key.quota().maxImages() != null && usage.images() + 1 > key.quota().maxImages()) {
        return QuotaCharge.OVER_MAX_IMAGES;
      }
      if (key.quota().maxBytes() != null && usage.bytes() + bytes > key.quota().maxBytes()) {
        return QuotaCharge.OVER_MAX_BYTES;
      }
      held.put(item, bytes);
      add(id, 1, bytes);
      return QuotaCharge.CHARGED;
    }
  }

  @Override
  public void refund(ApiKeyId id, String item) {
    synchronized (charges) {
      Long bytes = charges.getOrDefault(id, Map.of()).get(item);
      if (bytes != null) {
        charges.get(id).remove(item);
        add(id, -1, -bytes);
      }
    }
  }

  @Override
  public void refundEverywhere(String item) {
    synchronized (charges) {
      List.copyOf(charges.keySet()).forEach(id -> refund(id, item));
    }
  }

  private void add(ApiKeyId id, long images, long bytes) {
    keys.computeIfPresent(
        id,
        (k, key) ->
            key.withUsage(
                new KeyUsage(key.usage().images() + images, key.usage().bytes() + bytes)));
  }
}
