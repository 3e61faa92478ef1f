package io.imagesearch.security.key;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An API key as a store keeps it: the hash of its secret, never the secret. Times are nullable: no
 * expiry, not revoked, never used. The quota is fixed at creation; the usage is what the store has
 * counted against it.
 */
public record StoredApiKey(
    ApiKeyId id,
    String name,
    Set<Scope> scopes,
    String secretHash,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    Instant lastUsedAt,
    KeyQuota quota,
    KeyUsage usage) {

  public StoredApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(secretHash, "secretHash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(quota, "quota");
    Objects.requireNonNull(usage, "usage");
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("a key has at least one scope");
    }
    scopes = Set.copyOf(EnumSet.copyOf(scopes));
  }

  /** A key without a quota, nothing counted. */
  public StoredApiKey(
      ApiKeyId id,
      String name,
      Set<Scope> scopes,
      String secretHash,
      Instant createdAt,
      Instant expiresAt,
      Instant revokedAt,
      Instant lastUsedAt) {
    this(
        id,
        name,
        scopes,
        secretHash,
        createdAt,
        expiresAt,
        revokedAt,
        lastUsedAt,
        KeyQuota.NONE,
        KeyUsage.NONE);
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  /** Expired from its expiry instant on. */
  public boolean isExpiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  public StoredApiKey withRevokedAt(Instant at) {
    return new StoredApiKey(
        id, name, scopes, secretHash, createdAt, expiresAt, at, lastUsedAt, quota, usage);
  }

  public StoredApiKey withLastUsedAt(Instant at) {
    return new StoredApiKey(
        id, name, scopes, secretHash, createdAt, expiresAt, revokedAt, at, quota, usage);
  }

  public StoredApiKey withUsage(KeyUsage counted) {
    return new StoredApiKey(
        id, name, scopes, secretHash, createdAt, expiresAt, revokedAt, lastUsedAt, quota, counted);
  }

  public ApiKeySummary summary() {
    return new ApiKeySummary(
        id, name, scopes, createdAt, expiresAt, revokedAt, lastUsedAt, quota, usage);
  }
}
