package io.imagesearch.security.key;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The API key use cases: create, list, revoke, authenticate. Thread-safe. */
public final class ApiKeys {

  public static final int MAX_NAME_LENGTH = 100;

  /**
   * Last-used times are kept to this precision: a busy key then costs one store write a minute
   * instead of one per request.
   */
  static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

  /** 64-bit ids practically never collide; a few retries cover the case that they do. */
  private static final int CREATE_ATTEMPTS = 5;

  private final ApiKeyStore store;
  private final Clock clock;
  private final SecureRandom random;

  public ApiKeys(ApiKeyStore store, Clock clock) {
    this(store, clock, new SecureRandom());
  }

  ApiKeys(ApiKeyStore store, Clock clock, SecureRandom random) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Creates a key; the result holds its secret, which is never available again.
   *
   * @param expiresAt when the key stops working, or null for never
   */
  public IssuedKey create(String name, Set<Scope> scopes, Instant expiresAt) {
    return create(name, scopes, expiresAt, KeyQuota.NONE);
  }

  /**
   * Creates a key whose uploads count against {@code quota}; the result holds its secret, which is
   * never available again.
   *
   * @param expiresAt when the key stops working, or null for never
   */
  public IssuedKey create(String name, Set<Scope> scopes, Instant expiresAt, KeyQuota quota) {
    String checkedName = checkName(name);
    if (scopes == null || scopes.isEmpty()) {
      throw new InvalidKeyRequestException(
          "give the key at least one scope: search, upload, delete or admin");
    }
    Instant now = now();
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw new InvalidKeyRequestException(
          "expires_at " + expiresAt + " is not in the future: give a later time, or none");
    }
    Instant expiry = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MILLIS);
    for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
      PresentedKey key = PresentedKey.random(random);
      StoredApiKey stored =
          new StoredApiKey(
              key.id(),
              checkedName,
              scopes,
              SecretHash.of(key),
              now,
              expiry,
              null,
              null,
              quota,
              KeyUsage.NONE);
      if (store.create(stored)) {
        return new IssuedKey(stored.summary(), key);
      }
    }
    throw new IllegalStateException("no free key id after " + CREATE_ATTEMPTS + " random draws");
  }

  /** Every key without its secret or hash, oldest first. */
  public List<ApiKeySummary> list() {
    return store.list().stream().map(StoredApiKey::summary).toList();
  }

  /** Revokes the key; empty if there is no such key. Revoking twice keeps the first time. */
  public Optional<ApiKeySummary> revoke(ApiKeyId id) {
    if (!store.revoke(id, now())) {
      return Optional.empty();
    }
    return store.find(id).map(StoredApiKey::summary);
  }

  /**
   * Checks a key as presented in a request. A key whose secret does not match is "unknown", like
   * one that does not exist, so a guess learns nothing about which ids exist; revoked and expired
   * are only told to a caller who holds the right secret.
   */
  public AuthenticationOutcome authenticate(String presented) {
    Optional<PresentedKey> parsed = PresentedKey.parse(presented);
    if (parsed.isEmpty()) {
      return new AuthenticationOutcome.Rejected(Rejection.MALFORMED);
    }
    PresentedKey key = parsed.get();
    Optional<StoredApiKey> found = store.find(key.id());
    if (found.isEmpty() || !SecretHash.matches(key, found.get().secretHash())) {
      return new AuthenticationOutcome.Rejected(Rejection.UNKNOWN);
    }
    StoredApiKey stored = found.get();
    Instant now = now();
    if (stored.isRevoked()) {
      return new AuthenticationOutcome.Rejected(Rejection.REVOKED);
    }
    if (stored.isExpiredAt(now)) {
      return new AuthenticationOutcome.Rejected(Rejection.EXPIRED);
    }
    if (stored.lastUsedAt() == null
        || !stored.lastUsedAt().plus(LAST_USED_PRECISION).isAfter(now)) {
      store.recordUse(stored.id(), now);
    }
    return new AuthenticationOutcome.Accepted(
        new ApiPrincipal(stored.id(), stored.name(), stored.scopes(), stored.quota()));
  }

  /**
   * Creates an admin key named {@code name} when no usable admin key exists, so a fresh install has
   * a way in; empty when one exists. The caller hands the secret to the operator of the install (a
   * file only they can read, a Kubernetes Secret).
   */
  public Optional<IssuedKey> createAdminKeyIfNone(String name) {
    Instant now = now();
    boolean adminExists =
        store.list().stream()
            .anyMatch(
                key ->
                    key.scopes().contains(Scope.ADMIN)
                        && !key.isRevoked()
                        && !key.isExpiredAt(now));
    if (adminExists) {
      return Optional.empty();
    }
    return Optional.of(create(name, Set.of(Scope.ADMIN), null));
  }

  /**
   * Stores {@code presented}, a key generated outside (by the operator, into a Kubernetes Secret
   * every replica reads), as an admin key named {@code name}. Idempotent: the same key again
   * changes nothing, and a revoked one stays revoked.
   *
   * @return whether the key was stored by this call
   */
  public boolean adoptAdminKey(String presented, String name) {
    PresentedKey key =
        PresentedKey.parse(presented)
            .orElseThrow(() -> new InvalidKeyRequestException(Rejection.MALFORMED.advice()));
    Optional<StoredApiKey> existing = store.find(key.id());
    if (existing.isPresent()) {
      if (!SecretHash.matches(key, existing.get().secretHash())) {
        throw new InvalidKeyRequestException(
            "another key already has id " + key.id() + ": generate the configured admin key anew");
      }
      return false;
    }
    StoredApiKey stored =
        new StoredApiKey(
            key.id(),
            checkName(name),
            Set.of(Scope.ADMIN),
            SecretHash.of(key),
            now(),
            null,
            null,
            null);
    return store.create(stored);
  }

  private Instant now() {
    // Stores keep milliseconds; truncating here makes what is returned equal what is stored.
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static String checkName(String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidKeyRequestException(
          "give the key a name that says who or what uses it, e.g. \"photo-importer\"");
    }
    String stripped = name.strip();
    if (stripped.length() > MAX_NAME_LENGTH) {
      throw new InvalidKeyRequestException(
          "the name has " + stripped.length() + " characters; keep it to " + MAX_NAME_LENGTH);
    }
    if (stripped.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidKeyRequestException("the name must not contain control characters");
    }
    return stripped;
  }
}
