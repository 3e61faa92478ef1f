package io.imagesearch.security.web;

import io.imagesearch.security.key.Scope;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authorities a credential holds, one per scope it grants: the same for an API key and an
 * access token, so the route rules decide alike for both.
 */
final class ScopeAuthorities {

  private ScopeAuthorities() {}

  /** The authority name of a scope, e.g. {@code SCOPE_upload}. */
  static String authority(Scope scope) {
    return "SCOPE_" + scope.wireName();
  }

  /** One authority per scope {@code grants} says yes to. */
  static List<GrantedAuthority> of(Predicate<Scope> grants) {
    return Arrays.stream(Scope.values())
        .filter(grants)
        .map(scope -> (GrantedAuthority) new SimpleGrantedAuthority(authority(scope)))
        .toList();
  }

  /** {@code scopes}, with every scope when it holds {@link Scope#ADMIN}, as for an API key. */
  static List<GrantedAuthority> granting(Set<Scope> scopes) {
    return of(scope -> scope.isGrantedBy(scopes));
  }
}
