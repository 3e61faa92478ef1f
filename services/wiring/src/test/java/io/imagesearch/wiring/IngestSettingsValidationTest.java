package io.imagesearch.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.application.WorkerSettings;
import io.imagesearch.imaging.JpegCodec;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** The shared ingest settings stop a start with a bad value, and say which key and what to set. */
@ExtendWith(OutputCaptureExtension.class)
class IngestSettingsValidationTest {

  @Test
  void withNothingSetEachSettingHasItsDocumentedDefault() {
    try (ConfigurableApplicationContext context = start()) {
      IngestSettings settings = context.getBean(IngestSettings.class);

      assertThat(settings)
          .isEqualTo(
              new IngestSettings(
                  50L << 20,
                  50_000_000L,
                  100,
                  16L << 20,
                  10_000,
                  1,
                  16,
                  0,
                  JpegCodec.AUTO,
                  5,
                  Duration.ofMinutes(5),
                  Duration.ofSeconds(1),
                  Duration.ofMinutes(1),
                  Duration.ofSeconds(1),
                  Duration.ofSeconds(20)));
      WorkerSettings worker = settings.workerSettings();
      assertThat(worker.prepareThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
      assertThat(worker.pollWait()).isEqualTo(Duration.ofSeconds(1));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "batch-size | 0   | set 1 to 256 images per forward pass",
        "workers    | 65  | set 1 to 64 worker threads",
        "poll-wait  | -1s | set a duration of 0 or more",
        "shutdown-grace-period | -1s | set a duration of 0 or more",
        "max-aspect-ratio | 0 | set a ratio of at least 1"
      })
  void aValueOutOfRangeNamesTheKeyAndWhatToSet(
      String key, String value, String reason, CapturedOutput output) {
    String property = "imagesearch.ingest." + key;

    assertThatThrownBy(() -> start("--" + property + "=" + value))
        .hasRootCauseInstanceOf(BindValidationException.class);

    assertThat(output).contains("Origin: \"" + property + "\"").contains("Reason: " + reason);
  }

  @Test
  void aMaxBackoffBelowTheBaseBackoffSaysWhichToRaise(CapturedOutput output) {
    assertThatThrownBy(
            () ->
                start(
                    "--imagesearch.ingest.base-backoff=2s", "--imagesearch.ingest.max-backoff=1s"))
        .hasRootCauseInstanceOf(IllegalArgumentException.class);

    assertThat(output)
        .contains(
            "imagesearch.ingest.max-backoff (1000ms) is below imagesearch.ingest.base-backoff (2000ms)")
        .contains("set max-backoff to at least base-backoff");
  }

  private static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(UseCaseConfiguration.Common.class)
        .web(WebApplicationType.NONE)
        .run(args);
  }
}
