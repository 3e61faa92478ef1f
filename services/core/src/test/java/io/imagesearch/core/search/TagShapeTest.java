package io.imagesearch.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TagShapeTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cat",
        "i\u0307stanbul", // İstanbul lowercased: i and a combining dot above
        "हिंदी", // vowel signs and the anusvara are combining marks
        "café",
        "2024",
        "a_b.c:d-e",
        "ß"
      })
  void lettersWithTheirMarksDigitsAndTheAllowedPunctuationAreTags(String tag) {
    assertThat(TagShape.matches(tag)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "\u0301cafe", // a mark cannot start a tag
        "-cat",
        "two words",
        "tab\there",
        "nul\u0000",
        "zero\u200bwidth", // a format character, invisible
        "right\u202eleft", // a bidirectional override
        "quote\"",
        "back\\slash",
        "emoji🐱"
      })
  void controlFormatAndOtherCharactersAreNot(String tag) {
    assertThat(TagShape.matches(tag)).isFalse();
  }

  @Test
  void fortyCharactersAtMost() {
    assertThat(TagShape.matches("a".repeat(TagShape.MAX_LENGTH))).isTrue();
    assertThat(TagShape.matches("a".repeat(TagShape.MAX_LENGTH + 1))).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "'  Cat ', cat",
    "İstanbul, i\u0307stanbul",
    "cafe\u0301, café",
    "CAFE\u0301, café",
    "हिंदी, हिंदी"
  })
  void theCanonicalFormIsStrippedLowercaseAndComposed(String raw, String canonical) {
    assertThat(TagShape.canonical(raw)).isEqualTo(canonical);
    assertThat(TagShape.matches(TagShape.canonical(raw))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"café", "cafe\u0301"})
  void composedAndDecomposedSpellingsAreTheSameTag(String spelling) {
    assertThat(TagShape.canonical(spelling)).isEqualTo("caf\u00e9");
  }
}
