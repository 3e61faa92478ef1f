package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.security.key.ApiKeySummary;
import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.key.AuthenticationOutcome;
import io.imagesearch.security.key.KeyQuota;
import io.imagesearch.security.key.Rejection;
import io.imagesearch.security.key.Scope;
import io.imagesearch.security.store.SqliteApiKeyStore;
import io.imagesearch.testsupport.SettableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code keys} command on a real SQLite key database. */
class KeysCommandTest {

  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  @TempDir Path dir;
  private SqliteApiKeyStore store;
  private final SettableClock clock = new SettableClock(NOW);
  private ApiKeys keys;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void open() {
    store = SqliteApiKeyStore.open(dir.resolve("api-keys.db"));
    keys = new ApiKeys(store, clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void createPrintsTheKeyAloneOnStandardOutputWithItsScopesAndExpiry() {
    int exit = run("create", "--name", "ci", "--scopes", "search,upload", "--expires-in", "30d");

    assertThat(exit).as(err()).isZero();
    String key = out().strip();
    assertThat(key).startsWith("isk_").doesNotContain("\n");
    assertThat(keys.authenticate(key)).isInstanceOf(AuthenticationOutcome.Accepted.class);
    ApiKeySummary created = keys.list().getFirst();
    assertThat(created.name()).isEqualTo("ci");
    assertThat(created.scopes()).containsExactlyInAnyOrder(Scope.SEARCH, Scope.UPLOAD);
    assertThat(created.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
    assertThat(err()).contains("Created key " + created.id()).contains("shown this once");
  }

  @Test
  void optionsMayBeJoinedWithEqualsAndAnExactExpiryGiven() {
    int exit =
        run("create", "--name=laptop", "--scopes=admin", "--expires-at=2027-01-31T00:00:00Z");

    assertThat(exit).as(err()).isZero();
    ApiKeySummary created = keys.list().getFirst();
    assertThat(created.name()).isEqualTo("laptop");
    assertThat(created.scopes()).containsExactly(Scope.ADMIN);
    assertThat(created.expiresAt()).isEqualTo(Instant.parse("2027-01-31T00:00:00Z"));
  }

  @Test
  void createTakesAnImageAndAByteQuotaInTheUnitsPeopleWrite() {
    int exit =
        run(
            "create",
            "--name",
            "importer",
            "--scopes",
            "upload",
            "--max-images",
            "1000",
            "--max-bytes",
            "10GiB");

    assertThat(exit).as(err()).isZero();
    assertThat(named("importer").quota()).isEqualTo(new KeyQuota(1000L, 10L << 30));
    assertThat(err()).contains("uploads limited to 1000 images and 10 GiB (10737418240 bytes)");

    assertThat(run("create", "--name", "b", "--scopes", "upload", "--max-bytes=500MB"))
        .as(err())
        .isZero();
    assertThat(named("b").quota()).isEqualTo(new KeyQuota(null, 500L << 20));
  }

  /** The key called {@code name}: the list's order among keys created in one instant is open. */
  private ApiKeySummary named(String name) {
    return keys.list().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aQuotaThatIsNoNumberOrSizeOrNotPositiveIsAUsageError() {
    assertThat(run("create", "--name", "x", "--scopes", "upload", "--max-images", "many"))
        .isEqualTo(2);
    assertThat(err()).contains("--max-images \"many\" is not a whole number");
    assertThat(run("create", "--name", "x", "--scopes", "upload", "--max-bytes", "lots"))
        .isEqualTo(2);
    assertThat(err()).contains("--max-bytes \"lots\" is not a size: use e.g. 10GiB");
    assertThat(run("create", "--name", "x", "--scopes", "upload", "--max-images", "0"))
        .isEqualTo(2);
    assertThat(err()).contains("max_images must be at least 1");
    assertThat(keys.list()).isEmpty();
  }

  @Test
  void listShowsEachKeysUsageAgainstItsQuota() {
    keys.create("limited", Set.of(Scope.UPLOAD), null, new KeyQuota(1000L, null));
    store.charge(keys.list().getFirst().id(), "item", 2048);

    assertThat(run("list")).as(err()).isZero();

    List<String> lines = out().lines().toList();
    assertThat(lines.getFirst()).contains("IMAGES", "BYTES");
    assertThat(lines.get(1)).contains("1/1000", "2048", "limited");
  }

  @Test
  void listShowsEveryKeyWithItsStateAndNoSecret() {
    // A second apart, so the listing (oldest first) has them in this order.
    String active = keys.create("active one", Set.of(Scope.SEARCH), null).value();
    clock.advance(Duration.ofSeconds(1));
    String revoked = keys.create("revoked one", Set.of(Scope.UPLOAD), null).value();
    clock.advance(Duration.ofSeconds(1));
    String expired =
        keys.create("expired one", Set.of(Scope.DELETE), NOW.plus(Duration.ofHours(1))).value();
    keys.revoke(keys.list().get(1).id());
    clock.advance(Duration.ofHours(2));

    assertThat(run("list")).as(err()).isZero();

    List<String> lines = out().lines().toList();
    assertThat(lines.getFirst()).contains("ID", "STATE", "SCOPES", "EXPIRES", "NAME");
    assertThat(lines.get(1)).contains(keys.list().get(0).id().value(), "active", "search");
    assertThat(lines.get(2)).contains("revoked", "upload", "revoked one");
    assertThat(lines.get(3)).contains("expired", "delete", "2026-06-01T13:00:00Z");
    for (String secret : List.of(active, revoked, expired)) {
      assertThat(out()).doesNotContain(secret.substring(secret.lastIndexOf('_') + 1));
    }
  }

  @Test
  void revokeStopsTheKey() {
    String key = keys.create("ci", Set.of(Scope.SEARCH), null).value();
    String id = keys.list().getFirst().id().value();

    assertThat(run("revoke", id)).as(err()).isZero();

    assertThat(err()).contains("Revoked key " + id);
    assertThat(keys.authenticate(key))
        .isEqualTo(new AuthenticationOutcome.Rejected(Rejection.REVOKED));
  }

  @Test
  void revokingAnUnknownKeySaysHowToFindTheRightId() {
    assertThat(run("revoke", "0123456789abcdef")).isEqualTo(1);

    assertThat(err()).contains("no API key has id 0123456789abcdef").contains("ARGS=list");
  }

  @Test
  void mistakesExitWith2AndSayWhatToDo() {
    assertThat(run("revoke", "not-an-id")).isEqualTo(2);
    assertThat(err()).contains("is not a key id");

    assertThat(run("create", "--name", "ci", "--scopes", "search,everything")).isEqualTo(2);
    assertThat(err()).contains("unknown scope \"everything\"");

    assertThat(run("create", "--name", "ci")).isEqualTo(2);
    assertThat(err()).contains("--scopes search,upload");

    assertThat(run("create", "--scopes", "search")).isEqualTo(2);
    assertThat(err()).contains("give the key a name");

    assertThat(run("create", "--name", "ci", "--scopes", "search", "--expires-in", "soon"))
        .isEqualTo(2);
    assertThat(err()).contains("use e.g. 30d");

    assertThat(run("create", "--name", "ci", "--scopes", "search", "--colour", "red")).isEqualTo(2);
    assertThat(err()).contains("does not know \"--colour\"");

    assertThat(run("rotate")).isEqualTo(2);
    assertThat(err()).contains("unknown command \"rotate\"").contains("usage:");

    assertThat(keys.list()).isEmpty();
  }

  @Test
  void helpPrintsTheUsage() {
    assertThat(run("help")).isZero();
    assertThat(out()).contains("create --name NAME --scopes", "list", "revoke ID");

    assertThat(KeysCommand.help(List.of(), new PrintStream(out), new PrintStream(err)))
        .isEqualTo(2);
    assertThat(err()).contains("usage:");
  }

  private int run(String... words) {
    out.reset();
    err.reset();
    return new KeysCommand(
            keys,
            clock,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(List.of(words));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
