package io.imagesearch.security.web;

import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.authentication.AuthenticationProvider;

/**
 * OIDC access tokens as the filter chain accepts them besides API keys: none unless {@code
 * imagesearch.security.oidc.issuer-uri} is set. Once the context is up, the issuer's keys are
 * fetched once in the background so the log tells early whether tokens can be checked, without
 * holding up the start when the issuer is down.
 */
final class AccessTokens implements SmartInitializingSingleton {

  private final OidcSettings settings;
  private final IssuerJwtDecoder decoder;
  private final AuthenticationProvider provider;

  AccessTokens(OidcSettings settings, Clock clock) {
    this.settings = settings;
    if (settings.enabled()) {
      this.decoder = new IssuerJwtDecoder(settings);
      this.provider =
          new AccessTokenAuthenticationProvider(
              decoder, new AccessTokenChecks(settings, clock), new TokenScopes(settings));
    } else {
      this.decoder = null;
      this.provider = null;
    }
  }

  static AccessTokens none() {
    return new AccessTokens(OidcSettings.off(), Clock.systemUTC());
  }

  /** The provider that checks access tokens, when they are accepted. */
  Optional<AuthenticationProvider> provider() {
    return Optional.ofNullable(provider);
  }

  /** The issuer whose tokens are accepted, when they are. */
  Optional<String> issuer() {
    return Optional.ofNullable(settings.issuerUri());
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (decoder != null) {
      Thread.ofVirtual().name("oidc-issuer-probe").start(decoder::probe);
    }
  }
}
