package io.imagesearch.security.key;

import java.util.EnumSet;
import java.util.Set;

/** Who a request acts as once its key is accepted, and the quota its uploads count against. */
public record ApiPrincipal(ApiKeyId keyId, String name, Set<Scope> scopes, KeyQuota quota) {

  public ApiPrincipal {
    scopes = Set.copyOf(EnumSet.copyOf(scopes));
    quota = quota == null ? KeyQuota.NONE : quota;
  }

  /** A key without a quota. */
  public ApiPrincipal(ApiKeyId keyId, String name, Set<Scope> scopes) {
    this(keyId, name, scopes, KeyQuota.NONE);
  }

  /** Whether the key grants {@code scope}, directly or through {@link Scope#ADMIN}. */
  public boolean has(Scope scope) {
    return scope.isGrantedBy(scopes);
  }
}
