package io.imagesearch.core.unit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BinarySizeTest {

  @Test
  void bytesBelowAKibAreCounted() {
    assertThat(BinarySize.format(0)).isEqualTo("0 bytes");
    assertThat(BinarySize.format(1023)).isEqualTo("1023 bytes");
  }

  @Test
  void largerCountsTakeTheLargestWholeUnitWithOneDecimalWhenNeeded() {
    assertThat(BinarySize.format(1024)).isEqualTo("1 KiB");
    assertThat(BinarySize.format(1536)).isEqualTo("1.5 KiB");
    assertThat(BinarySize.format(10L << 30)).isEqualTo("10 GiB");
    assertThat(BinarySize.format(Long.MAX_VALUE)).isEqualTo("8 EiB");
  }
}
