package io.imagesearch.security.web;

import io.imagesearch.security.key.ApiPrincipal;
import io.imagesearch.security.key.Scope;
import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * An API key on its way through Spring Security: first as presented (unauthenticated, holding the
 * raw key), then accepted (holding the principal, the key dropped) with one authority per scope it
 * grants. An admin key is granted every scope.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

  private final transient String presentedKey;
  private final ApiPrincipal principal;

  private ApiKeyAuthentication(
      String presentedKey, ApiPrincipal principal, Collection<GrantedAuthority> authorities) {
    super(authorities);
    this.presentedKey = presentedKey;
    this.principal = principal;
    setAuthenticated(principal != null);
  }

  static ApiKeyAuthentication presented(String key) {
    return new ApiKeyAuthentication(key, null, List.of());
  }

  static ApiKeyAuthentication accepted(ApiPrincipal principal) {
    return new ApiKeyAuthentication(null, principal, ScopeAuthorities.of(principal::has));
  }

  /** The authority name of a scope, e.g. {@code SCOPE_upload}. */
  static String authority(Scope scope) {
    return ScopeAuthorities.authority(scope);
  }

  @Override
  public Object getCredentials() {
    return presentedKey;
  }

  @Override
  public Object getPrincipal() {
    return principal;
  }

  @Override
  public String getName() {
    return principal == null
        ? "unauthenticated"
        : principal.name() + " (" + principal.keyId() + ")";
  }
}
