package io.imagesearch.security.key;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.testsupport.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstAdminKeyFileTest {

  @TempDir Path dir;
  private final ApiKeys keys =
      new ApiKeys(
          new InMemoryApiKeyStore(), new SettableClock(Instant.parse("2026-03-01T00:00:00Z")));

  @Test
  void aFreshInstallGetsAnAdminKeyInAFileOnlyItsUserReads() throws Exception {
    Path file = dir.resolve("secrets/admin-key");

    IssuedKey issued = FirstAdminKeyFile.ensure(keys, file).orElseThrow();

    String key = Files.readString(file).strip();
    assertThat(key).isEqualTo(issued.value());
    assertThat(issued.summary().scopes()).containsExactly(Scope.ADMIN);
    assertThat(keys.authenticate(key)).isInstanceOf(AuthenticationOutcome.Accepted.class);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var leftovers = Files.list(file.getParent())) {
      assertThat(leftovers).containsExactly(file);
    }
  }

  @Test
  void nothingIsWrittenWhileAnAdminKeyExists() {
    FirstAdminKeyFile.ensure(keys, dir.resolve("admin-key"));

    assertThat(FirstAdminKeyFile.ensure(keys, dir.resolve("again"))).isEmpty();
    assertThat(dir.resolve("again")).doesNotExist();
  }
}
