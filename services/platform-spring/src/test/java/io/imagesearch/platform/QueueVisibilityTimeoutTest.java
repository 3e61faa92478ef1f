package io.imagesearch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.imaging.JpegCodec;
import io.imagesearch.wiring.IngestSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The services read the visibility timeout both modes share, and still honour their earlier key
 * {@code imagesearch.queue.visibility-timeout}.
 */
class QueueVisibilityTimeoutTest {

  private static final IngestSettings INGEST_TWO_MINUTES =
      new IngestSettings(
          1,
          1,
          1,
          0,
          1,
          1,
          1,
          0,
          JpegCodec.AUTO,
          1,
          Duration.ofMinutes(2),
          Duration.ZERO,
          Duration.ZERO,
          Duration.ZERO,
          Duration.ZERO);

  @Test
  void withoutTheQueueKeyTheSharedSettingHolds() {
    PlatformProperties.Queue queue = queue(null);

    assertThat(queue.visibilityTimeout(INGEST_TWO_MINUTES)).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void theQueueKeyWinsWhenSet() {
    PlatformProperties.Queue queue = queue(Duration.ofSeconds(5));

    assertThat(queue.visibilityTimeout(INGEST_TWO_MINUTES)).isEqualTo(Duration.ofSeconds(5));
  }

  private static PlatformProperties.Queue queue(Duration visibilityTimeout) {
    return new PlatformProperties.Queue("imagesearch", "workers", visibilityTimeout, Duration.ZERO);
  }
}
