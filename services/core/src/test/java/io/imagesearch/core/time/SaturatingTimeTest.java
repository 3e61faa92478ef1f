package io.imagesearch.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SaturatingTimeTest {

  @Test
  void ordinaryDurationsAddUp() {
    assertThat(SaturatingTime.millisAfter(1_000, Duration.ofSeconds(2))).isEqualTo(3_000);
    assertThat(SaturatingTime.nanos(Duration.ofMillis(5))).isEqualTo(5_000_000);
  }

  @Test
  void absurdDurationsSaturate() {
    Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
    assertThat(SaturatingTime.millisAfter(1_000, forever)).isEqualTo(Long.MAX_VALUE);
    assertThat(SaturatingTime.nanos(forever)).isEqualTo(Long.MAX_VALUE / 4);
    assertThat(SaturatingTime.nanos(Duration.ofDays(365L * 1000))).isEqualTo(Long.MAX_VALUE / 4);
  }
}
