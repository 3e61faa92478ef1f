package io.imagesearch.security.web;

import io.imagesearch.security.key.Scope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The project's scopes an access token grants: the values of its scope claims that name one ({@code
 * "search upload"}, or a list), and those the configured role mapping gives the roles under the
 * roles claim path. Values that name nothing the project knows grant nothing.
 */
final class TokenScopes {

  private final List<String> scopeClaims;
  private final List<String> rolesPath;
  private final Map<String, Set<Scope>> scopesByRole;

  TokenScopes(OidcSettings settings) {
    this.scopeClaims = settings.scopeClaims();
    this.rolesPath =
        settings.rolesClaim() == null ? List.of() : List.of(settings.rolesClaim().split("\\."));
    this.scopesByRole = settings.scopesByRole();
  }

  Set<Scope> of(Jwt jwt) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String claim : scopeClaims) {
      for (String value : values(jwt.getClaims().get(claim))) {
        Scope.forWireName(value).ifPresent(scopes::add);
      }
    }
    if (!rolesPath.isEmpty()) {
      for (String role : values(at(jwt.getClaims(), rolesPath))) {
        scopes.addAll(scopesByRole.getOrDefault(role, Set.of()));
      }
    }
    return scopes;
  }

  /** The value at {@code path} in nested JSON objects, or null. */
  private static Object at(Map<String, Object> claims, List<String> path) {
    Object current = claims;
    for (String name : path) {
      if (!(current instanceof Map<?, ?> object)) {
        return null;
      }
      current = object.get(name);
    }
    return current;
  }

  /** A claim's values: the words of a string, or the strings of a list. */
  private static List<String> values(Object claim) {
    List<String> values = new ArrayList<>();
    if (claim instanceof String text) {
      for (String word : text.strip().split("\\s+")) {
        values.add(word);
      }
    } else if (claim instanceof Collection<?> items) {
      for (Object item : items) {
        if (item instanceof String text) {
          values.add(text);
        }
      }
    }
    return values;
  }
}
