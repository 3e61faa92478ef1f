package io.imagesearch.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.cors.CorsConfiguration;

class CorsTest {

  @Test
  void noOriginIsAllowedByDefault() {
    assertThat(
            ApiKeySecurity.cors(SecuritySettings.defaults())
                .getCorsConfiguration(new MockHttpServletRequest("GET", "/api/v1/search")))
        .isNull();
  }

  @Test
  void configuredOriginsMayCallTheApiWithAKeyButSendNoCookies() {
    SecuritySettings settings =
        new SecuritySettings(
            true,
            false,
            "X-Api-Key",
            List.of("https://app.example.com"),
            SecuritySettings.DEFAULT_CSP,
            null);

    CorsConfiguration api =
        ApiKeySecurity.cors(settings)
            .getCorsConfiguration(new MockHttpServletRequest("GET", "/api/v1/search"));

    assertThat(api.checkOrigin("https://app.example.com")).isEqualTo("https://app.example.com");
    assertThat(api.checkOrigin("https://elsewhere.example")).isNull();
    assertThat(api.checkHeaders(List.of("Authorization", "X-Api-Key")))
        .containsExactly("Authorization", "X-Api-Key");
    assertThat(api.getAllowCredentials()).isNull();
  }
}
