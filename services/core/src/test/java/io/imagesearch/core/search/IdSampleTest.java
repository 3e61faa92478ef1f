package io.imagesearch.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.core.image.ImageId;
import java.nio.ByteBuffer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IdSampleTest {

  @Test
  void aLibraryNoLargerThanTheSampleIsSampledWhole() {
    assertThat(IdSample.upperBound(0, 10)).isEmpty();
    assertThat(IdSample.upperBound(10, 10)).isEmpty();
  }

  @Test
  void theBoundTakesTheShareOfTheIdSpaceTheSampleIsOfTheLibrary() {
    assertThat(IdSample.upperBound(4, 1)).contains("40000000");
    assertThat(IdSample.upperBound(2, 1)).contains("80000000");
  }

  /** Ids are hashes: the share below the bound holds about n of them. */
  @Test
  void aboutNIdsOfALargeLibraryFallBelowTheBound() {
    int count = 20_000;
    String bound = IdSample.upperBound(count, 500).orElseThrow();

    long below =
        IntStream.range(0, count)
            .mapToObj(i -> ImageId.of(ByteBuffer.allocate(4).putInt(i).array()).hex())
            .filter(hex -> hex.compareTo(bound) < 0)
            .count();

    assertThat(below).isBetween(400L, 600L).isLessThanOrEqualTo(IdSample.readLimit(500));
  }

  @Test
  void anEmptySampleIsRefused() {
    assertThatThrownBy(() -> IdSample.upperBound(10, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
