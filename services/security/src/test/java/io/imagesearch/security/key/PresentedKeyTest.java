package io.imagesearch.security.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PresentedKeyTest {

  private static final String ID = "0123456789abcdef";
  private static final String SECRET = "a".repeat(64);

  @Test
  void aWellFormedKeyParsesIntoIdAndSecret() {
    PresentedKey key = PresentedKey.parse("isk_" + ID + "_" + SECRET).orElseThrow();

    assertThat(key.id()).isEqualTo(new ApiKeyId(ID));
    assertThat(key.secret()).isEqualTo(SECRET);
    assertThat(key.value()).isEqualTo("isk_" + ID + "_" + SECRET);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "isk_0123456789abcdef_aaaa",
        "isk_0123456789ABCDEF_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "ask_0123456789abcdef_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "isk-0123456789abcdef-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "isk_0123456789abcdef_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaag",
        "isk_0123456789abcdef_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "Basic dXNlcjpwYXNz"
      })
  void anythingElseIsMalformed(String text) {
    assertThat(PresentedKey.parse(text)).isEmpty();
  }

  @Test
  void newKeysAreDistinctAndParseBack() {
    SecureRandom random = new SecureRandom();
    PresentedKey first = PresentedKey.random(random);
    PresentedKey second = PresentedKey.random(random);

    assertThat(first).isNotEqualTo(second);
    assertThat(PresentedKey.parse(first.value())).contains(first);
    assertThat(first.value()).startsWith("isk_").hasSize(4 + 16 + 1 + 64);
  }

  @Test
  void itsTextNeverShowsTheSecret() {
    PresentedKey key = PresentedKey.parse("isk_" + ID + "_" + SECRET).orElseThrow();

    assertThat(key.toString()).doesNotContain(SECRET).contains(ID);
    assertThat(new IssuedKey(null, key).toString()).doesNotContain(SECRET);
  }
}
