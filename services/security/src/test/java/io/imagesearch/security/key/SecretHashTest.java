package io.imagesearch.security.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SecretHashTest {

  private final PresentedKey key = PresentedKey.random(new SecureRandom());

  @Test
  void theHashIsSha256HexAndNotTheSecret() {
    String hash = SecretHash.of(key);

    assertThat(hash).matches("[0-9a-f]{64}").doesNotContain(key.secret());
    assertThat(SecretHash.of(key)).isEqualTo(hash);
  }

  @Test
  void theRightKeyMatchesItsHash() {
    assertThat(SecretHash.matches(key, SecretHash.of(key))).isTrue();
  }

  @Test
  void anotherSecretDoesNotMatch() {
    PresentedKey guess =
        new PresentedKey(key.id(), key.secret().substring(0, 63) + flip(key.secret().charAt(63)));

    assertThat(SecretHash.matches(guess, SecretHash.of(key))).isFalse();
  }

  @Test
  void theSameSecretUnderAnotherIdDoesNotMatch() {
    PresentedKey moved = new PresentedKey(new ApiKeyId("ffffffffffffffff"), key.secret());

    assertThat(SecretHash.matches(moved, SecretHash.of(key))).isFalse();
  }

  @Test
  void aDamagedStoredHashMatchesNothing() {
    assertThat(SecretHash.matches(key, "not hex")).isFalse();
    assertThat(SecretHash.matches(key, "")).isFalse();
  }

  private static char flip(char hexDigit) {
    return hexDigit == '0' ? '1' : '0';
  }
}
