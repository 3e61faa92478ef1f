package io.imagesearch.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.application.RankingSettings;
import java.time.Duration;
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

/** The search settings: the use case's defaults, values taken as given, bad ones stop the start. */
@ExtendWith(OutputCaptureExtension.class)
class SearchSettingsTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(SearchSettings.class)
  static class Settings {}

  @Test
  void withNothingSetTheRankingIsTheUseCasesDefault() {
    try (ConfigurableApplicationContext context = start()) {
      assertThat(context.getBean(SearchSettings.class).rankingSettings())
          .isEqualTo(RankingSettings.DEFAULTS);
    }
  }

  @Test
  void valuesAreTakenAsGiven() {
    try (ConfigurableApplicationContext context =
        start(
            "--imagesearch.search.candidates=300",
            "--imagesearch.search.rrf-k=10",
            "--imagesearch.search.auto-cutoff.deviations=2.5",
            "--imagesearch.search.auto-cutoff.sample-size=64",
            "--imagesearch.search.auto-cutoff.sample-refresh=5m")) {
      assertThat(context.getBean(SearchSettings.class).rankingSettings())
          .isEqualTo(new RankingSettings(300, 10, 2.5, 64, Duration.ofMinutes(5)));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "candidates | 0 | 0 | set 1 to 10000 candidates",
        "rrf-k | -1 | -1 | set a k of 0 or more",
        "auto-cutoff.deviations | 11 | 11.0 | set 0 to 10 standard deviations",
        "auto-cutoff.sample-size | 5 | 5 | set a sample of 20 to 100000 images",
        "auto-cutoff.sample-refresh | -1m | PT-1M | set a duration of 0 or more"
      })
  void aValueOutOfRangeNamesWhatToSet(
      String key, String value, String shown, String reason, CapturedOutput output) {
    assertThatThrownBy(() -> start("--imagesearch.search." + key + "=" + value))
        .hasRootCauseInstanceOf(BindValidationException.class);

    assertThat(output)
        .contains("Binding to target " + SearchSettings.class.getName() + " failed")
        .contains("Value: \"" + shown + "\"")
        .contains("Reason: " + reason);
  }

  private static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(Settings.class).web(WebApplicationType.NONE).run(args);
  }
}
