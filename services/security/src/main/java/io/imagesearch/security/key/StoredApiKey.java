package io.imagesearch.security.key;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An API key as a store keeps it: the hash of its secret, never the secret. Times are nullable: no
 * expiry, not revoked, never used.
 */
public record StoredApiKey(
    ApiKeyId id,
    String name,
    Set<Scope> scopes,
    String secretHash,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    Instant lastUsedAt) {

  public StoredApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(secretHash, "secretHash");
    Objects.requireNonNull(createdAt, "createdAt");
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("a key has at least one scope");
    }
    scopes = Set.copyOf(EnumSet.copyOf(scopes));
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  /** Expired from its expiry instant on. */
  public boolean isExpiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  public StoredApiKey withRevokedAt(Instant at) {
    return new StoredApiKey(id, name, scopes, secretHash, createdAt, expiresAt, at, lastUsedAt);
  }

  public StoredApiKey withLastUsedAt(Instant at) {
    return new StoredApiKey(id, name, scopes, secretHash, createdAt, expiresAt, revokedAt, at);
  }

  public ApiKeySummary summary() {
    return new ApiKeySummary(id, name, scopes, createdAt, expiresAt, revokedAt, lastUsedAt);
  }
}
