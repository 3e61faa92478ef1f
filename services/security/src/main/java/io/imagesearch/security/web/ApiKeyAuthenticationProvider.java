package io.imagesearch.security.web;

import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.key.AuthenticationOutcome;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;

/** Turns a presented API key into an accepted one through {@link ApiKeys#authenticate}. */
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

  private final ApiKeys keys;

  ApiKeyAuthenticationProvider(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String presented = (String) authentication.getCredentials();
    return switch (keys.authenticate(presented)) {
      case AuthenticationOutcome.Accepted accepted ->
          ApiKeyAuthentication.accepted(accepted.principal());
      case AuthenticationOutcome.Rejected rejected ->
          throw new ApiKeyRejectedException(rejected.reason());
    };
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return ApiKeyAuthentication.class.isAssignableFrom(authentication);
  }
}
