package io.imagesearch.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagsTest {

  @Test
  void tagsInOtherScriptsAreAcceptedWithTheirCombiningMarks() {
    assertThat(Tags.parse(List.of("İstanbul", "हिंदी", "cafe\u0301")))
        .containsExactlyInAnyOrder("i\u0307stanbul", "हिंदी", "caf\u00e9");
  }

  @Test
  void aDecomposedAndAComposedSpellingAreOneTag() {
    assertThat(Tags.parse(List.of("cafe\u0301", "Caf\u00e9", "CAFÉ"))).containsExactly("café");
  }

  @Test
  void commaSeparatedValuesAreSplitStrippedAndLowercased() {
    assertThat(Tags.parse(List.of(" Beach , SUNSET,,", "beach")))
        .containsExactlyInAnyOrder("beach", "sunset");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tab\there", "nul\u0000", "zero\u200bwidth", "\u0301mark-first", "a b"})
  void controlFormatAndSpaceCharactersAreRefusedWithWhatIsAllowed(String tag) {
    assertThatThrownBy(() -> Tags.parse(List.of(tag)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(
            "is not allowed: use 1-40 letters (accents and other combining marks");
  }

  @Test
  void twentyTagsAtMost() {
    List<String> twenty = IntStream.range(0, Tags.MAX_TAGS).mapToObj(i -> "t" + i).toList();
    assertThat(Tags.parse(twenty)).hasSize(Tags.MAX_TAGS);

    List<String> more = IntStream.range(0, Tags.MAX_TAGS + 1).mapToObj(i -> "t" + i).toList();
    assertThatThrownBy(() -> Tags.parse(more))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("at most 20 tags per image, got 21");
  }
}
