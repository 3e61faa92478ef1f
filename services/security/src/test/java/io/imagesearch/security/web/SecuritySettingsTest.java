package io.imagesearch.security.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecuritySettingsTest {

  @Test
  void theDefaultsAreSecure() {
    SecuritySettings settings = SecuritySettings.defaults();

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.publicReads()).isFalse();
    assertThat(settings.corsAllowedOrigins()).isEmpty();
    assertThat(settings.apiKeyHeader()).isEqualTo("X-Api-Key");
    assertThat(settings.contentSecurityPolicy())
        .contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
  }

  @Test
  void badValuesNameTheSettingAndWhatItTakes() {
    assertThatThrownBy(() -> settings("X Api Key", List.of()))
        .hasMessageContaining("imagesearch.security.api-key-header");
    assertThatThrownBy(() -> settings("Authorization", List.of()))
        .hasMessageContaining("must not be Authorization");
    assertThatThrownBy(() -> settings("X-Api-Key", List.of("*")))
        .hasMessageContaining("imagesearch.security.cors-allowed-origins")
        .hasMessageContaining("no wildcard");
    assertThatThrownBy(() -> settings("X-Api-Key", List.of("https://app.example.com/path")))
        .hasMessageContaining("no path");
    assertThatThrownBy(() -> new SecuritySettings.FailureLimit(0, Duration.ofMinutes(1), 10))
        .hasMessageContaining("failure-limit.failures");
    assertThatThrownBy(() -> new SecuritySettings.FailureLimit(1, Duration.ZERO, 10))
        .hasMessageContaining("failure-limit.period");
    assertThatThrownBy(() -> new SecuritySettings.FailureLimit(1, Duration.ofMinutes(1), 0))
        .hasMessageContaining("failure-limit.tracked-clients");
  }

  @Test
  void configuredOriginsAreKept() {
    assertThat(settings("X-Api-Key", List.of("https://app.example.com")).corsAllowedOrigins())
        .containsExactly("https://app.example.com");
  }

  private static SecuritySettings settings(String header, List<String> origins) {
    return new SecuritySettings(true, false, header, origins, SecuritySettings.DEFAULT_CSP, null);
  }
}
