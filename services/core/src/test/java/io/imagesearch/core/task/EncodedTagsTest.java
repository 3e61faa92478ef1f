package io.imagesearch.queue.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskRowsTest {

  @Test
  void tagsRoundTripIncludingSeparatorsAndEmptyTags() {
    for (Set<String> tags :
        Set.of(
            Set.<String>of(),
            Set.of(""),
            Set.of("", "a"),
            Set.of("a,b", "c%2C", "line\nbreak", " spaced "),
            Set.of("ünïcode", "+plus"))) {
      assertThat(TaskRows.decodeTags(TaskRows.encodeTags(tags))).as("%s", tags).isEqualTo(tags);
    }
  }
}
