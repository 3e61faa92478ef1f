package io.imagesearch.security.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ApiKeyStore} does; each adapter's test extends this. */
public abstract class ApiKeyStoreContract {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123Z");

  private ApiKeyStore store;

  /** A new, empty store. */
  protected abstract ApiKeyStore createStore();

  @BeforeEach
  void freshStore() {
    store = createStore();
  }

  @Test
  void aCreatedKeyIsFoundAsStored() {
    StoredApiKey key =
        key("0000000000000001", T0)
            .withAll(EnumSet.allOf(Scope.class), T0.plusSeconds(3600), T0.plusSeconds(60));

    assertThat(store.create(key)).isTrue();

    assertThat(store.find(key.id())).contains(key);
  }

  @Test
  void absentTimesStayAbsent() {
    StoredApiKey key = key("0000000000000002", T0).stored();
    store.create(key);

    StoredApiKey found = store.find(key.id()).orElseThrow();

    assertThat(found.expiresAt()).isNull();
    assertThat(found.revokedAt()).isNull();
    assertThat(found.lastUsedAt()).isNull();
  }

  @Test
  void aSecondKeyWithTheSameIdIsRefusedAndTheFirstKept() {
    StoredApiKey first = key("0000000000000003", T0).stored();
    StoredApiKey second =
        new StoredApiKey(
            first.id(), "impostor", Set.of(Scope.ADMIN), "ff".repeat(32), T0, null, null, null);
    store.create(first);

    assertThat(store.create(second)).isFalse();

    assertThat(store.find(first.id())).contains(first);
  }

  @Test
  void anUnknownIdIsNotFound() {
    assertThat(store.find(new ApiKeyId("00000000000000ff"))).isEmpty();
  }

  @Test
  void listingIsOldestFirstWithTiesByIdAndKeepsRevokedKeys() {
    StoredApiKey newest = key("0000000000000010", T0.plusSeconds(2)).stored();
    StoredApiKey tieB = key("000000000000000b", T0).stored();
    StoredApiKey tieA = key("000000000000000a", T0).stored();
    store.create(newest);
    store.create(tieB);
    store.create(tieA);
    store.revoke(tieB.id(), T0.plusSeconds(5));

    assertThat(store.list())
        .extracting(StoredApiKey::id)
        .containsExactly(tieA.id(), tieB.id(), newest.id());
    assertThat(store.list().get(1).revokedAt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void anEmptyStoreListsNothing() {
    assertThat(store.list()).isEmpty();
  }

  @Test
  void revokingKeepsTheFirstRevocationTime() {
    StoredApiKey key = key("0000000000000004", T0).stored();
    store.create(key);

    assertThat(store.revoke(key.id(), T0.plusSeconds(10))).isTrue();
    assertThat(store.revoke(key.id(), T0.plusSeconds(20))).isTrue();

    assertThat(store.find(key.id()).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void revokingAnUnknownKeyChangesNothing() {
    assertThat(store.revoke(new ApiKeyId("00000000000000fe"), T0)).isFalse();

    assertThat(store.list()).isEmpty();
  }

  @Test
  void aUseIsRecordedAndChangesNothingElse() {
    StoredApiKey key = key("0000000000000005", T0).stored();
    store.create(key);

    store.recordUse(key.id(), T0.plusSeconds(30));
    store.recordUse(key.id(), T0.plusSeconds(90));

    StoredApiKey found = store.find(key.id()).orElseThrow();
    assertThat(found.lastUsedAt()).isEqualTo(T0.plusSeconds(90));
    assertThat(found).usingRecursiveComparison().ignoringFields("lastUsedAt").isEqualTo(key);
  }

  @Test
  void aUseOfAnUnknownKeyCreatesNothing() {
    ApiKeyId unknown = new ApiKeyId("00000000000000fd");

    store.recordUse(unknown, T0);

    assertThat(store.find(unknown)).isEmpty();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void namesKeepEveryCharacter() {
    StoredApiKey key =
        new StoredApiKey(
            new ApiKeyId("0000000000000006"),
            "Ümlaut, 'quotes', \"double\", 写真, emoji 📷",
            Set.of(Scope.SEARCH),
            "ab".repeat(32),
            T0,
            null,
            null,
            null);
    store.create(key);

    assertThat(store.find(key.id())).contains(key);
  }

  @Test
  void aQuotaAndItsUsageAreStoredWithTheKey() {
    StoredApiKey key = withQuota("0000000000000020", new KeyQuota(10L, 1_000_000L));

    assertThat(store.find(key.id())).contains(key);
    assertThat(store.list()).containsExactly(key);
  }

  @Test
  void chargesCountEachItemOnceWithinTheQuota() {
    StoredApiKey key = withQuota("0000000000000021", new KeyQuota(2L, 1000L));

    assertThat(store.charge(key.id(), "a", 300)).isEqualTo(QuotaCharge.CHARGED);
    assertThat(store.charge(key.id(), "a", 300)).isEqualTo(QuotaCharge.ALREADY_COUNTED);
    assertThat(store.charge(key.id(), "b", 700)).isEqualTo(QuotaCharge.CHARGED);

    assertThat(usage(key)).isEqualTo(new KeyUsage(2, 1000));
  }

  @Test
  void aChargeBeyondEitherLimitIsRefusedAndCountsNothing() {
    StoredApiKey images = withQuota("0000000000000022", new KeyQuota(1L, null));
    StoredApiKey bytes = withQuota("0000000000000023", new KeyQuota(null, 1000L));
    store.charge(images.id(), "a", 5);
    store.charge(bytes.id(), "a", 600);

    assertThat(store.charge(images.id(), "b", 5)).isEqualTo(QuotaCharge.OVER_MAX_IMAGES);
    assertThat(store.charge(bytes.id(), "b", 401)).isEqualTo(QuotaCharge.OVER_MAX_BYTES);

    assertThat(usage(images)).isEqualTo(new KeyUsage(1, 5));
    assertThat(usage(bytes)).isEqualTo(new KeyUsage(1, 600));
    assertThat(store.charge(bytes.id(), "b", 400)).isEqualTo(QuotaCharge.CHARGED);
  }

  @Test
  void aRefundGivesBackOneKeysItemAndOnlyOnce() {
    StoredApiKey key = withQuota("0000000000000024", new KeyQuota(1L, null));
    store.charge(key.id(), "a", 5);

    store.refund(key.id(), "a");
    store.refund(key.id(), "a");
    store.refund(key.id(), "never charged");

    assertThat(usage(key)).isEqualTo(KeyUsage.NONE);
    assertThat(store.charge(key.id(), "b", 5)).isEqualTo(QuotaCharge.CHARGED);
  }

  @Test
  void refundingEverywhereGivesTheItemBackToEveryKeyThatHoldsIt() {
    StoredApiKey first = withQuota("0000000000000025", new KeyQuota(5L, null));
    StoredApiKey second = withQuota("0000000000000026", new KeyQuota(5L, null));
    store.charge(first.id(), "shared", 10);
    store.charge(second.id(), "shared", 10);
    store.charge(second.id(), "own", 20);

    store.refundEverywhere("shared");

    assertThat(usage(first)).isEqualTo(KeyUsage.NONE);
    assertThat(usage(second)).isEqualTo(new KeyUsage(1, 20));
    assertThat(store.charge(first.id(), "shared", 10)).isEqualTo(QuotaCharge.CHARGED);
  }

  @Test
  void anUnknownKeyIsChargedNothing() {
    ApiKeyId unknown = new ApiKeyId("00000000000000fc");

    assertThat(store.charge(unknown, "a", 5)).isEqualTo(QuotaCharge.UNKNOWN_KEY);

    assertThat(store.find(unknown)).isEmpty();
  }

  @Test
  void aRevocationAndAUseKeepTheUsage() {
    StoredApiKey key = withQuota("0000000000000027", new KeyQuota(5L, null));
    store.charge(key.id(), "a", 5);

    store.recordUse(key.id(), T0.plusSeconds(1));
    store.revoke(key.id(), T0.plusSeconds(2));

    assertThat(usage(key)).isEqualTo(new KeyUsage(1, 5));
  }

  private StoredApiKey withQuota(String id, KeyQuota quota) {
    StoredApiKey key =
        new StoredApiKey(
            new ApiKeyId(id),
            "quota " + id,
            Set.of(Scope.UPLOAD),
            "0c".repeat(32),
            T0,
            null,
            null,
            null,
            quota,
            KeyUsage.NONE);
    store.create(key);
    return key;
  }

  private KeyUsage usage(StoredApiKey key) {
    return store.find(key.id()).orElseThrow().usage();
  }

  private static KeyBuilder key(String id, Instant createdAt) {
    return new KeyBuilder(new ApiKeyId(id), createdAt);
  }

  private record KeyBuilder(ApiKeyId id, Instant createdAt) {

    StoredApiKey stored() {
      return new StoredApiKey(
          id, "key " + id, Set.of(Scope.UPLOAD), "0a".repeat(32), createdAt, null, null, null);
    }

    StoredApiKey withAll(Set<Scope> scopes, Instant expiresAt, Instant lastUsedAt) {
      return new StoredApiKey(
          id, "key " + id, scopes, "0b".repeat(32), createdAt, expiresAt, null, lastUsedAt);
    }
  }
}
