package io.imagesearch.security.key;

import java.util.EnumSet;
import java.util.Set;

/** Who a request acts as once its key is accepted. */
public record ApiPrincipal(ApiKeyId keyId, String name, Set<Scope> scopes) {

  public ApiPrincipal {
    scopes = Set.copyOf(EnumSet.copyOf(scopes));
  }

  /** Whether the key grants {@code scope}, directly or through {@link Scope#ADMIN}. */
  public boolean has(Scope scope) {
    return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
  }
}
