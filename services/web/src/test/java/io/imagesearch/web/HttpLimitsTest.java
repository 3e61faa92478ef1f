package io.imagesearch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** The request limits: documented defaults, and a bad value stops the start saying what to set. */
@ExtendWith(OutputCaptureExtension.class)
class HttpLimitsTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(HttpLimits.class)
  static class Limits {}

  @Test
  void withNothingSetABatchOfTheMostFilesAndTagsFits() {
    try (ConfigurableApplicationContext context = start()) {
      assertThat(context.getBean(HttpLimits.class)).isEqualTo(new HttpLimits(120, 1000));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "max-parts      | 100    | set at least 101 parts, so that a batch of 100 files",
        "max-parts      | 10001  | set at most 10000 parts",
        "max-parameters | 0      | set at least 1 parameter"
      })
  void aValueOutOfRangeNamesTheKeyAndWhatToSet(
      String key, String value, String reason, CapturedOutput output) {
    String property = "imagesearch.http." + key;

    assertThatThrownBy(() -> start("--" + property + "=" + value))
        .hasRootCauseInstanceOf(BindValidationException.class);

    assertThat(output).contains("Origin: \"" + property + "\"").contains("Reason: " + reason);
  }

  /** Tomcat counts parts as parameters, so fewer parameters would lower the part limit. */
  @Test
  void fewerParametersThanPartsSaysWhichToRaise(CapturedOutput output) {
    assertThatThrownBy(
            () ->
                start("--imagesearch.http.max-parts=200", "--imagesearch.http.max-parameters=150"))
        .hasRootCauseInstanceOf(IllegalArgumentException.class);

    assertThat(output)
        .contains("imagesearch.http.max-parameters (150) is below imagesearch.http.max-parts (200)")
        .contains("set max-parameters to at least max-parts");
  }

  private static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(Limits.class).web(WebApplicationType.NONE).run(args);
  }
}
