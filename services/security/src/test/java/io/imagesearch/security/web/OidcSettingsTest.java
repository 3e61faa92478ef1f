package io.imagesearch.security.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.security.key.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.support.SpringApplicationJsonEnvironmentPostProcessor;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class OidcSettingsTest {

  private static final String ISSUER = "https://login.example.com/realms/images";

  @Test
  void offByDefault() {
    OidcSettings off = OidcSettings.off();

    assertThat(off.enabled()).isFalse();
    assertThat(off.scopeClaims()).containsExactly("scope", "scp");
    assertThat(off.clockSkew()).isEqualTo(Duration.ofSeconds(60));
    assertThat(new OidcSettings(" ", "", null, null, null, null, null).enabled()).isFalse();
  }

  /** The environment the operator gives ingest-api, search-api and cdn (its SecurityEnv). */
  @Test
  void bindsFromTheEnvironmentTheOperatorWrites() {
    Map<String, Object> variables =
        Map.of(
            "IMAGESEARCH_SECURITY_OIDC_ISSUER_URI", ISSUER,
            "IMAGESEARCH_SECURITY_OIDC_AUDIENCE", "image-search",
            "IMAGESEARCH_SECURITY_OIDC_SCOPE_CLAIMS", "scope,https://example.com/scopes",
            "IMAGESEARCH_SECURITY_OIDC_ROLES_CLAIM", "realm_access.roles",
            "IMAGESEARCH_SECURITY_OIDC_CLOCK_SKEW", "30s",
            "SPRING_APPLICATION_JSON",
                "{\"imagesearch.security.oidc.role-scopes[/photographers]\":[\"upload\",\"search\"],"
                    + "\"imagesearch.security.oidc.role-scopes[Image-Admins]\":[\"admin\"]}");
    var environment = new StandardEnvironment();
    environment.getPropertySources().remove("systemEnvironment");
    environment
        .getPropertySources()
        .addLast(new SystemEnvironmentPropertySource("systemEnvironment", variables));
    new SpringApplicationJsonEnvironmentPostProcessor()
        .postProcessEnvironment(environment, new SpringApplication());

    OidcSettings bound =
        Binder.get(environment).bind("imagesearch.security.oidc", OidcSettings.class).get();

    assertThat(bound.issuerUri()).isEqualTo(ISSUER);
    assertThat(bound.scopeClaims()).containsExactly("scope", "https://example.com/scopes");
    assertThat(bound.rolesClaim()).isEqualTo("realm_access.roles");
    assertThat(bound.clockSkew()).isEqualTo(Duration.ofSeconds(30));
    assertThat(bound.scopesByRole())
        .isEqualTo(
            Map.of(
                "Image-Admins", Set.of(Scope.ADMIN),
                "/photographers", Set.of(Scope.UPLOAD, Scope.SEARCH)));
  }

  @Test
  void anIssuerNeedsAnAudience() {
    assertThatThrownBy(() -> settings(ISSUER, null, null, null, Map.of()))
        .hasMessageContaining("imagesearch.security.oidc.audience must be set")
        .hasMessageContaining("IMAGESEARCH_SECURITY_OIDC_AUDIENCE");
    assertThat(settings(ISSUER, "image-search", null, null, Map.of()).enabled()).isTrue();
  }

  @Test
  void theOtherSettingsWithoutAnIssuerAreAMistake() {
    assertThatThrownBy(() -> settings(null, "image-search", null, null, Map.of()))
        .hasMessageContaining("imagesearch.security.oidc.audience is set but")
        .hasMessageContaining("issuer-uri is not");
    assertThatThrownBy(() -> settings(null, null, ISSUER + "/certs", null, Map.of()))
        .hasMessageContaining("imagesearch.security.oidc.jwk-set-uri is set but");
  }

  @Test
  void urlsMustBeHttpWithAHost() {
    for (String bad :
        List.of(
            "login.example.com",
            "ftp://login.example.com",
            "https://",
            "https://a/b?c=d",
            "http://[bad")) {
      assertThatThrownBy(() -> settings(bad, "image-search", null, null, Map.of()))
          .as(bad)
          .hasMessageContaining("imagesearch.security.oidc.issuer-uri must be an http(s) URL");
    }
    assertThatThrownBy(() -> settings(ISSUER, "image-search", "certs.json", null, Map.of()))
        .hasMessageContaining("imagesearch.security.oidc.jwk-set-uri must be an http(s) URL");
  }

  @Test
  void rolesNeedAClaimAndAMappingToKnownScopes() {
    assertThatThrownBy(
            () -> settings(ISSUER, "aud", null, null, Map.of("editors", List.of("upload"))))
        .hasMessageContaining("role-scopes is set but")
        .hasMessageContaining("roles-claim is not");
    assertThatThrownBy(() -> settings(ISSUER, "aud", null, "groups", Map.of()))
        .hasMessageContaining("role-scopes maps no role");
    assertThatThrownBy(
            () -> settings(ISSUER, "aud", null, "groups", Map.of("editors", List.of("write"))))
        .hasMessageContaining("imagesearch.security.oidc.role-scopes.editors")
        .hasMessageContaining("unknown scope \"write\"");
    assertThatThrownBy(() -> settings(ISSUER, "aud", null, "groups", Map.of("editors", List.of())))
        .hasMessageContaining("role-scopes.editors grants no scope");
    assertThatThrownBy(
            () -> settings(ISSUER, "aud", null, "realm_access.", Map.of("a", List.of("search"))))
        .hasMessageContaining("dot-separated claim path");

    OidcSettings roles =
        settings(
            ISSUER,
            "aud",
            null,
            "realm_access.roles",
            Map.of("editors", List.of("upload", " delete"), "admins", List.of("admin")));
    assertThat(roles.scopesByRole())
        .isEqualTo(
            Map.of("editors", Set.of(Scope.UPLOAD, Scope.DELETE), "admins", Set.of(Scope.ADMIN)));
  }

  @Test
  void theClockSkewIsBounded() {
    assertThatThrownBy(
            () -> new OidcSettings(ISSUER, "aud", null, null, null, null, Duration.ofSeconds(-1)))
        .hasMessageContaining("imagesearch.security.oidc.clock-skew");
    assertThatThrownBy(
            () -> new OidcSettings(ISSUER, "aud", null, null, null, null, Duration.ofMinutes(6)))
        .hasMessageContaining("between 0s and 5m");
  }

  @Test
  void scopeClaimsMustNameOne() {
    assertThatThrownBy(() -> new OidcSettings(ISSUER, "aud", null, List.of(), null, null, null))
        .hasMessageContaining("imagesearch.security.oidc.scope-claims");
  }

  private static OidcSettings settings(
      String issuer,
      String audience,
      String jwkSetUri,
      String rolesClaim,
      Map<String, List<String>> roleScopes) {
    return new OidcSettings(issuer, audience, jwkSetUri, null, rolesClaim, roleScopes, null);
  }
}
