package io.imagesearch.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class EncodedTagsTest {

  @Test
  void tagsRoundTripIncludingSeparatorsAndEmptyTags() {
    for (Set<String> tags :
        Set.of(
            Set.<String>of(),
            Set.of(""),
            Set.of("", "a"),
            Set.of("a,b", "c%2C", "line\nbreak", " spaced "),
            Set.of("ünïcode", "+plus"))) {
      assertThat(EncodedTags.decode(EncodedTags.encode(tags))).as("%s", tags).isEqualTo(tags);
    }
  }

  @Test
  void aValueWithoutTheClosingCommaIsRefused() {
    assertThatThrownBy(() -> EncodedTags.decode("a,b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("end with a comma");
  }
}
