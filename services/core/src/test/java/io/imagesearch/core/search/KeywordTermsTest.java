package io.imagesearch.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.core.image.ImageMetadata;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeywordTermsTest {

  @Test
  void fileNamesSplitOnSeparatorsCamelCaseAndDigitsWithoutTheirExtension() {
    assertThat(KeywordTerms.ofImage(named("IMG_2024-beachSunset.JPG")))
        .containsExactly("img", "2024", "beach", "sunset");
    assertThat(KeywordTerms.ofImage(named("HTMLParser v2.final.png")))
        .containsExactly("html", "parser", "v", "2", "final");
    assertThat(KeywordTerms.ofImage(named("grandma's birthday (2019).webp")))
        .containsExactly("grandma", "s", "birthday", "2019");
  }

  @Test
  void tagsAndTheCameraAreWordsOfTheImageToo() {
    ImageMetadata m =
        new ImageMetadata(
            "x.jpg",
            "image/jpeg",
            1,
            1,
            Instant.EPOCH,
            Set.of("new-york", "holiday"),
            0,
            Optional.of("FUJIFILM X100V"));

    assertThat(KeywordTerms.ofImage(m))
        .containsExactly("x", "holiday", "new", "york", "fujifilm", "x", "100", "v");
  }

  @Test
  void lettersWithTheirMarksStayOneWordInNfc() {
    // "café" with a combining acute accent, and Hindi, whose vowel signs are marks.
    assertThat(KeywordTerms.ofQuery("Cafe\u0301 हिंदी")).containsExactly("café", "हिंदी");
    assertThat(KeywordTerms.ofQuery("İstanbul")).containsExactly("i̇stanbul");
  }

  @Test
  void queriesLoseStopWordsAndRepeatsAndKeepTheirFirstWords() {
    assertThat(KeywordTerms.ofQuery("A photo of the Beach, the BEACH at dusk"))
        .containsExactly("photo", "beach", "dusk");
    String many =
        String.join(" ", java.util.stream.IntStream.range(0, 100).mapToObj(i -> "w" + i).toList());
    assertThat(KeywordTerms.ofQuery(many))
        .hasSize(KeywordTerms.MAX_QUERY_TERMS)
        .startsWith("w", "0");
  }

  @Test
  void overlongRunsAndNothingButSeparatorsGiveNoWords() {
    assertThat(KeywordTerms.ofQuery("x".repeat(KeywordTerms.MAX_TERM_LENGTH + 1))).isEmpty();
    assertThat(KeywordTerms.ofQuery(" _-. ")).isEmpty();
    assertThat(KeywordTerms.ofImage(named(".png"))).isEmpty();
  }

  @Test
  void anImageKeepsAtMostItsFirstWords() {
    String name = String.join("_", java.util.Collections.nCopies(500, "word")) + ".jpg";

    assertThat(KeywordTerms.ofImage(named(name))).hasSize(KeywordTerms.MAX_IMAGE_TERMS);
  }

  private static ImageMetadata named(String fileName) {
    return new ImageMetadata(
        fileName, "image/jpeg", 1, 1, Instant.EPOCH, Set.of(), 0, Optional.empty());
  }
}
