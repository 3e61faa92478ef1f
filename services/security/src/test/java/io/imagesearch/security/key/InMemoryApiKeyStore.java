package io.imagesearch.security.key;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A store in a map, for tests of what sits on top of the port. Passes the contract. */
public final class InMemoryApiKeyStore implements ApiKeyStore {

  private final Map<ApiKeyId, StoredApiKey> keys = new ConcurrentHashMap<>();

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
}
