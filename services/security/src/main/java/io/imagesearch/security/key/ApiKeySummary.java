package io.imagesearch.security.key;

import java.time.Instant;
import java.util.Set;

/** What listings show of a key: everything but its secret and the secret's hash. */
public record ApiKeySummary(
    ApiKeyId id,
    String name,
    Set<Scope> scopes,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    Instant lastUsedAt,
    KeyQuota quota,
    KeyUsage usage) {}
