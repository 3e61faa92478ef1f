package io.imagesearch.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.security.key.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class TokenScopesTest {

  private static final TokenScopes DEFAULTS =
      new TokenScopes(new OidcSettings("https://issuer", "aud", null, null, null, null, null));

  @Test
  void aSpaceSeparatedScopeClaimNamesScopes() {
    assertThat(DEFAULTS.of(jwt(c -> c.put("scope", "openid search  upload profile"))))
        .containsExactlyInAnyOrder(Scope.SEARCH, Scope.UPLOAD);
  }

  @Test
  void aListInScpCountsToo() {
    assertThat(DEFAULTS.of(jwt(c -> c.put("scp", List.of("delete", "Admin", "images:admin")))))
        .containsExactly(Scope.DELETE);
  }

  @Test
  void otherClaimsAndNoClaimGrantNothing() {
    assertThat(DEFAULTS.of(jwt(c -> c.put("permissions", List.of("admin"))))).isEmpty();
    assertThat(DEFAULTS.of(jwt(c -> c.put("scope", 42)))).isEmpty();
  }

  @Test
  void theConfiguredClaimsAreReadInstead() {
    TokenScopes permissions =
        new TokenScopes(
            new OidcSettings(
                "https://issuer", "aud", null, List.of("permissions"), null, null, null));

    assertThat(permissions.of(jwt(c -> c.put("permissions", List.of("admin")))))
        .containsExactly(Scope.ADMIN);
    assertThat(permissions.of(jwt(c -> c.put("scope", "search")))).isEmpty();
  }

  @Test
  void rolesAtANestedPathGrantWhatTheyAreMappedTo() {
    TokenScopes roles =
        new TokenScopes(
            new OidcSettings(
                "https://issuer",
                "aud",
                null,
                null,
                "realm_access.roles",
                Map.of("photographers", List.of("upload", "search"), "/admins", List.of("admin")),
                null));

    assertThat(
            roles.of(
                jwt(
                    c ->
                        c.put(
                            "realm_access",
                            Map.of("roles", List.of("photographers", "offline_access"))))))
        .containsExactlyInAnyOrder(Scope.UPLOAD, Scope.SEARCH);
    assertThat(roles.of(jwt(c -> c.put("realm_access", Map.of("roles", "/admins")))))
        .containsExactly(Scope.ADMIN);
    assertThat(roles.of(jwt(c -> c.put("realm_access", List.of("photographers"))))).isEmpty();
    assertThat(roles.of(jwt(c -> c.put("roles", List.of("photographers"))))).isEmpty();
  }

  private static Jwt jwt(Consumer<Map<String, Object>> claims) {
    return Jwt.withTokenValue("t")
        .header("alg", "RS256")
        .subject("someone")
        .issuedAt(Instant.now())
        .claims(claims)
        .build();
  }
}
