package io.imagesearch.security.web;

import io.imagesearch.security.key.Scope;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access tokens of an OpenID Connect issuer, accepted besides API keys when {@code issuerUri} is
 * set; bound from {@code imagesearch.security.oidc.*} and checked when bound, so a bad value stops
 * start-up with a message naming it.
 *
 * @param issuerUri the issuer, exactly as its tokens carry it in {@code iss}; unset (the default)
 *     accepts no tokens
 * @param audience what a token's {@code aud} must contain; required with an issuer
 * @param jwkSetUri where the issuer publishes its signing keys; unset, they are found through the
 *     issuer's OpenID discovery document
 * @param scopeClaims claims whose values (a space-separated string or a list) name the project's
 *     scopes ({@code search}, {@code upload}, {@code delete}, {@code admin}) directly
 * @param rolesClaim a dot-separated path to a list of roles, such as Keycloak's {@code
 *     realm_access.roles} or Dex's {@code groups}; unset reads no roles
 * @param roleScopes the scopes each role grants, e.g. {@code image-admins: [admin]}
 * @param clockSkew how far the issuer's and this server's clocks may disagree on {@code exp} and
 *     {@code nbf}
 */
@ConfigurationProperties("imagesearch.security.oidc")
public record OidcSettings(
    String issuerUri,
    String audience,
    String jwkSetUri,
    @DefaultValue({"scope", "scp"}) List<String> scopeClaims,
    String rolesClaim,
    @DefaultValue Map<String, List<String>> roleScopes,
    @DefaultValue("60s") Duration clockSkew) {

  private static final String PREFIX = "imagesearch.security.oidc.";
  private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  public OidcSettings {
    issuerUri = blankToNull(issuerUri);
    audience = blankToNull(audience);
    jwkSetUri = blankToNull(jwkSetUri);
    rolesClaim = blankToNull(rolesClaim);
    scopeClaims = scopeClaims == null ? List.of("scope", "scp") : List.copyOf(scopeClaims);
    roleScopes = roleScopes == null ? Map.of() : Map.copyOf(roleScopes);
    clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
    if (issuerUri == null) {
      if (audience != null || jwkSetUri != null) {
        throw new IllegalArgumentException(
            PREFIX
                + (audience != null ? "audience" : "jwk-set-uri")
                + " is set but "
                + PREFIX
                + "issuer-uri is not: set the issuer whose tokens to accept"
                + " (IMAGESEARCH_SECURITY_OIDC_ISSUER_URI), or remove the setting");
      }
    } else {
      checkHttpUri("issuer-uri", issuerUri);
      if (audience == null) {
        throw new IllegalArgumentException(
            PREFIX
                + "audience must be set with an issuer: the value a token's aud claim must"
                + " contain (IMAGESEARCH_SECURITY_OIDC_AUDIENCE), e.g. the client id the issuer"
                + " knows this platform by");
      }
      if (jwkSetUri != null) {
        checkHttpUri("jwk-set-uri", jwkSetUri);
      }
    }
    if (scopeClaims.isEmpty() || scopeClaims.stream().anyMatch(c -> c == null || c.isBlank())) {
      throw new IllegalArgumentException(
          PREFIX + "scope-claims must name at least one claim, e.g. scope,scp; got " + scopeClaims);
    }
    if (rolesClaim == null && !roleScopes.isEmpty()) {
      throw new IllegalArgumentException(
          PREFIX
              + "role-scopes is set but "
              + PREFIX
              + "roles-claim is not: set the claim the roles are in, e.g. realm_access.roles"
              + " (Keycloak) or groups (Dex)");
    }
    if (rolesClaim != null && roleScopes.isEmpty()) {
      throw new IllegalArgumentException(
          PREFIX
              + "roles-claim is set but "
              + PREFIX
              + "role-scopes maps no role to a scope: add e.g. role-scopes.image-admins=admin");
    }
    if (rolesClaim != null && (rolesClaim.startsWith(".") || rolesClaim.endsWith("."))) {
      throw new IllegalArgumentException(
          PREFIX
              + "roles-claim is a dot-separated claim path such as realm_access.roles, got \""
              + rolesClaim
              + "\"");
    }
    scopesByRole(roleScopes);
    if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
      throw new IllegalArgumentException(
          PREFIX + "clock-skew must be between 0s and 5m, got " + clockSkew);
    }
  }

  /** No tokens accepted: the default. */
  public static OidcSettings off() {
    return new OidcSettings(null, null, null, null, null, null, null);
  }

  /** Whether access tokens are accepted at all. */
  public boolean enabled() {
    return issuerUri != null;
  }

  /** {@link #roleScopes} as scopes. */
  public Map<String, Set<Scope>> scopesByRole() {
    return scopesByRole(roleScopes);
  }

  private static Map<String, Set<Scope>> scopesByRole(Map<String, List<String>> roleScopes) {
    Map<String, Set<Scope>> scopes = new LinkedHashMap<>();
    roleScopes.forEach(
        (role, names) -> {
          Set<Scope> granted = EnumSet.noneOf(Scope.class);
          for (String name : names == null ? List.<String>of() : names) {
            try {
              granted.add(Scope.fromWireName(name.strip()));
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException(
                  PREFIX + "role-scopes." + role + ": " + e.getMessage(), e);
            }
          }
          if (granted.isEmpty()) {
            throw new IllegalArgumentException(
                PREFIX
                    + "role-scopes."
                    + role
                    + " grants no scope: name one or more of"
                    + " search, upload, delete, admin");
          }
          scopes.put(role, Set.copyOf(granted));
        });
    return Map.copyOf(scopes);
  }

  private static void checkHttpUri(String key, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          PREFIX + key + " must be an http(s) URL, got \"" + value + "\": " + e.getMessage(), e);
    }
    boolean http = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
    if (!http || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
      throw new IllegalArgumentException(
          PREFIX
              + key
              + " must be an http(s) URL with a host and no query or fragment, such as"
              + " https://login.example.com/realms/images; got \""
              + value
              + "\"");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
