package io.imagesearch.security.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RateLimitSettingsTest {

  @Test
  void theDefaultsAreThoseDocumented() {
    RateLimitSettings settings = bind(Map.of());

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.searchPerKey())
        .isEqualTo(new RateLimitSettings.Rate(30, Duration.ofSeconds(1), 60));
    assertThat(settings.searchPerAddress())
        .isEqualTo(new RateLimitSettings.Rate(30, Duration.ofSeconds(1), 60));
    assertThat(settings.uploadPerKey())
        .isEqualTo(new RateLimitSettings.Rate(20, Duration.ofSeconds(1), 200));
    assertThat(settings.trackedClients()).isEqualTo(10_000);
    assertThat(RateLimitSettings.defaults()).isEqualTo(settings);
  }

  @Test
  void aPartLeftOutTakesTheDefaults() {
    RateLimitSettings settings =
        bind(Map.of("search-per-key.rate", "5", "upload-per-key.period", "1m"));

    assertThat(settings.searchPerKey())
        .isEqualTo(new RateLimitSettings.Rate(5, Duration.ofSeconds(1), 60));
    assertThat(settings.uploadPerKey())
        .isEqualTo(new RateLimitSettings.Rate(20, Duration.ofMinutes(1), 200));
  }

  @Test
  void aBadValueNamesItsKey() {
    assertThatThrownBy(() -> bind(Map.of("search-per-address.rate", "0")))
        .rootCause()
        .hasMessageContaining("imagesearch.security.rate-limit.search-per-address.rate");
    assertThatThrownBy(() -> bind(Map.of("upload-per-key.period", "0s")))
        .rootCause()
        .hasMessageContaining("imagesearch.security.rate-limit.upload-per-key.period");
    assertThatThrownBy(() -> bind(Map.of("search-per-key.burst", "-1")))
        .rootCause()
        .hasMessageContaining("imagesearch.security.rate-limit.search-per-key.burst");
    assertThatThrownBy(() -> bind(Map.of("tracked-clients", "0")))
        .rootCause()
        .hasMessageContaining("imagesearch.security.rate-limit.tracked-clients");
  }

  private static RateLimitSettings bind(Map<String, String> properties) {
    Map<String, String> prefixed = new java.util.HashMap<>();
    properties.forEach((k, v) -> prefixed.put("imagesearch.security.rate-limit." + k, v));
    return new Binder(new MapConfigurationPropertySource(prefixed))
        .bindOrCreate("imagesearch.security.rate-limit", RateLimitSettings.class);
  }
}
