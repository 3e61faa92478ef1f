package io.imagesearch.security.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.testsupport.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
  private final SettableClock clock = new SettableClock(T0);
  private final ApiKeys keys = new ApiKeys(store, clock);

  @Test
  void aCreatedKeyAuthenticatesWithItsScopes() {
    IssuedKey issued = keys.create("importer", Set.of(Scope.UPLOAD, Scope.SEARCH), null);

    AuthenticationOutcome outcome = keys.authenticate(issued.value());

    assertThat(outcome)
        .isEqualTo(
            new AuthenticationOutcome.Accepted(
                new ApiPrincipal(
                    issued.summary().id(), "importer", Set.of(Scope.UPLOAD, Scope.SEARCH))));
  }

  @Test
  void onlyTheHashIsStored() {
    IssuedKey issued = keys.create("importer", Set.of(Scope.UPLOAD), null);

    StoredApiKey stored = store.find(issued.summary().id()).orElseThrow();

    assertThat(stored.secretHash()).isEqualTo(SecretHash.of(issued.key()));
    assertThat(stored.toString()).doesNotContain(issued.key().secret());
  }

  @Test
  void listingShowsNeitherSecretNorHash() {
    IssuedKey issued = keys.create("importer", Set.of(Scope.UPLOAD), T0.plusSeconds(60));

    assertThat(keys.list()).containsExactly(issued.summary());
    assertThat(keys.list().toString())
        .doesNotContain(issued.key().secret())
        .doesNotContain(SecretHash.of(issued.key()));
  }

  @Test
  void aMalformedKeyIsToldApart() {
    assertThat(keys.authenticate("isk_not-a-key")).isEqualTo(rejected(Rejection.MALFORMED));
    assertThat(keys.authenticate(null)).isEqualTo(rejected(Rejection.MALFORMED));
  }

  @Test
  void aWrongSecretIsUnknownLikeAMissingKey() {
    IssuedKey issued = keys.create("importer", Set.of(Scope.UPLOAD), null);
    String wrongSecret = "isk_" + issued.summary().id().value() + "_" + "0".repeat(64);
    String missingId = "isk_ffffffffffffffff_" + issued.key().secret();

    assertThat(keys.authenticate(wrongSecret)).isEqualTo(rejected(Rejection.UNKNOWN));
    assertThat(keys.authenticate(missingId)).isEqualTo(rejected(Rejection.UNKNOWN));
  }

  @Test
  void aRevokedKeyIsRefusedAndStaysListed() {
    IssuedKey issued = keys.create("importer", Set.of(Scope.UPLOAD), null);
    clock.advance(Duration.ofSeconds(5));

    ApiKeySummary revoked = keys.revoke(issued.summary().id()).orElseThrow();

    assertThat(revoked.revokedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(keys.authenticate(issued.value())).isEqualTo(rejected(Rejection.REVOKED));
    assertThat(keys.list()).extracting(ApiKeySummary::revokedAt).containsExactly(T0.plusSeconds(5));
  }

  @Test
  void revokingAnUnknownKeyFindsNothing() {
    assertThat(keys.revoke(new ApiKeyId("0000000000000000"))).isEmpty();
  }

  @Test
  void aKeyExpiresAtItsExpiry() {
    IssuedKey issued = keys.create("temp", Set.of(Scope.SEARCH), T0.plusSeconds(60));

    clock.advance(Duration.ofSeconds(59));
    assertThat(keys.authenticate(issued.value()))
        .isInstanceOf(AuthenticationOutcome.Accepted.class);
    clock.advance(Duration.ofSeconds(1));
    assertThat(keys.authenticate(issued.value())).isEqualTo(rejected(Rejection.EXPIRED));
  }

  @Test
  void useIsRecordedAtMostOncePerMinute() {
    IssuedKey issued = keys.create("importer", Set.of(Scope.UPLOAD), null);

    keys.authenticate(issued.value());
    clock.advance(Duration.ofSeconds(30));
    keys.authenticate(issued.value());
    assertThat(lastUsed(issued)).isEqualTo(T0);

    clock.advance(Duration.ofSeconds(30));
    keys.authenticate(issued.value());
    assertThat(lastUsed(issued)).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void badRequestsSayWhatIsWrong() {
    assertThatThrownBy(() -> keys.create(" ", Set.of(Scope.UPLOAD), null))
        .isInstanceOf(InvalidKeyRequestException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> keys.create("x".repeat(101), Set.of(Scope.UPLOAD), null))
        .hasMessageContaining("101 characters");
    assertThatThrownBy(() -> keys.create("a\nb", Set.of(Scope.UPLOAD), null))
        .hasMessageContaining("control characters");
    assertThatThrownBy(() -> keys.create("importer", Set.of(), null))
        .hasMessageContaining("at least one scope");
    assertThatThrownBy(() -> keys.create("importer", Set.of(Scope.UPLOAD), T0))
        .hasMessageContaining("not in the future");
    // Past what the stores' milliseconds since 1970 can hold: it answered 500.
    assertThatThrownBy(() -> keys.create("importer", Set.of(Scope.UPLOAD), Instant.MAX))
        .isInstanceOf(InvalidKeyRequestException.class)
        .hasMessageContaining("is after 9999-12-31T23:59:59Z");
    assertThat(store.list()).isEmpty();
  }

  @Test
  void anAdminKeyIsCreatedOnlyWhileNoUsableOneExists() {
    IssuedKey first = keys.createAdminKeyIfNone("admin").orElseThrow();
    assertThat(first.summary().scopes()).containsExactly(Scope.ADMIN);
    assertThat(keys.createAdminKeyIfNone("admin")).isEmpty();

    keys.revoke(first.summary().id());

    assertThat(keys.createAdminKeyIfNone("admin")).isPresent();
  }

  @Test
  void aConfiguredAdminKeyIsAdoptedOnceAndNeverRevived() {
    String configured = "isk_00000000000000aa_" + "1".repeat(64);

    assertThat(keys.adoptAdminKey(configured, "operator")).isTrue();
    assertThat(keys.adoptAdminKey(configured, "operator")).isFalse();
    assertThat(keys.authenticate(configured))
        .isEqualTo(
            new AuthenticationOutcome.Accepted(
                new ApiPrincipal(
                    new ApiKeyId("00000000000000aa"), "operator", Set.of(Scope.ADMIN))));

    keys.revoke(new ApiKeyId("00000000000000aa"));
    assertThat(keys.adoptAdminKey(configured, "operator")).isFalse();
    assertThat(keys.authenticate(configured)).isEqualTo(rejected(Rejection.REVOKED));
  }

  @Test
  void aConfiguredKeyThatClashesOrIsMalformedIsRefused() {
    keys.adoptAdminKey("isk_00000000000000aa_" + "1".repeat(64), "operator");

    assertThatThrownBy(() -> keys.adoptAdminKey("isk_00000000000000aa_" + "2".repeat(64), "x"))
        .isInstanceOf(InvalidKeyRequestException.class)
        .hasMessageContaining("another key already has id 00000000000000aa");
    assertThatThrownBy(() -> keys.adoptAdminKey("changeme", "x")).hasMessageContaining("malformed");
  }

  private Instant lastUsed(IssuedKey issued) {
    return store.find(issued.summary().id()).orElseThrow().lastUsedAt();
  }

  private static AuthenticationOutcome rejected(Rejection reason) {
    return new AuthenticationOutcome.Rejected(reason);
  }
}
