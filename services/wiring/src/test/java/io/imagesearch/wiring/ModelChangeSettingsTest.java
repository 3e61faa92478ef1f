package io.imagesearch.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.application.GateSettings;
import io.imagesearch.application.ReindexSettings;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** The model change's settings: documented defaults, and a bad value stops the start. */
@ExtendWith(OutputCaptureExtension.class)
class ModelChangeSettingsTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ModelChangeSettings.class)
  static class Settings {}

  @Test
  void withNothingSetEachSettingHasItsDocumentedDefault() {
    try (ConfigurableApplicationContext context = start()) {
      ModelChangeSettings settings = context.getBean(ModelChangeSettings.class);

      assertThat(settings.previousRetention()).isEqualTo(Duration.ofDays(7));
      assertThat(settings.migration().retryDelay()).isEqualTo(Duration.ofSeconds(30));
      assertThat(settings.reindexSettings(2)).isEqualTo(new ReindexSettings(32, 2, true, 0));
      assertThat(settings.gateSettings())
          .isEqualTo(new GateSettings(10, 200, OptionalDouble.empty(), 0));
      assertThat(settings.gate().goldenQueries()).isNull();
    }
  }

  @Test
  void aThresholdAndAPaceAreTakenAsGiven() {
    try (ConfigurableApplicationContext context =
        start(
            "--imagesearch.model.gate.min-recall=0.8",
            "--imagesearch.model.migration.max-images-per-second=12.5",
            "--imagesearch.model.previous-retention=2h")) {
      ModelChangeSettings settings = context.getBean(ModelChangeSettings.class);

      assertThat(settings.gateSettings().minRecall()).isEqualTo(OptionalDouble.of(0.8));
      assertThat(settings.reindexSettings(1).maxImagesPerSecond()).isEqualTo(12.5);
      assertThat(settings.migrationSettings().previousRetention()).isEqualTo(Duration.ofHours(2));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "gate.min-recall | 1.5 | 1.5 | set a recall between 0 and 1",
        "gate.k | 0 | 0 | set 1 to 1000 results",
        "migration.batch-size | 0 | 0 | set 1 to 1024 images per batch",
        "migration.max-images-per-second | -1 | -1.0 | set 0 (no limit) or more images per second",
        "previous-retention | -1h | PT-1H | set a duration of 0 or more"
      })
  void aValueOutOfRangeNamesTheKeyAndWhatToSet(
      String key, String value, String shown, String reason, CapturedOutput output) {
    String property = "imagesearch.model." + key;

    assertThatThrownBy(() -> start("--" + property + "=" + value))
        .hasRootCauseInstanceOf(BindValidationException.class);

    // Spring names a nested key in camel case in this report, so the value and reason identify it.
    assertThat(output)
        .contains("Binding to target " + ModelChangeSettings.class.getName() + " failed")
        .contains("Value: \"" + shown + "\"")
        .contains("Reason: " + reason);
  }

  private static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(Settings.class).web(WebApplicationType.NONE).run(args);
  }
}
