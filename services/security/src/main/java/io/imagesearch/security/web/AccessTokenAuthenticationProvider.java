package io.imagesearch.security.web;

import com.nimbusds.jose.proc.BadJOSEException;
import io.imagesearch.security.key.Scope;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a presented access token into an accepted one: signature verified with the issuer's keys,
 * claims checked, and the project's scopes it grants as the same authorities an API key gets.
 */
final class AccessTokenAuthenticationProvider implements AuthenticationProvider {

  private static final Logger LOG =
      LoggerFactory.getLogger(AccessTokenAuthenticationProvider.class);

  private final JwtDecoder decoder;
  private final AccessTokenChecks checks;
  private final TokenScopes scopes;

  AccessTokenAuthenticationProvider(
      JwtDecoder decoder, AccessTokenChecks checks, TokenScopes scopes) {
    this.decoder = decoder;
    this.checks = checks;
    this.scopes = scopes;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    Jwt jwt = decode(((BearerTokenAuthenticationToken) authentication).getToken());
    checks.verify(jwt);
    Set<Scope> granted = scopes.of(jwt);
    String name = jwt.getSubject() == null ? "(no subject)" : jwt.getSubject();
    return new JwtAuthenticationToken(jwt, ScopeAuthorities.granting(granted), name);
  }

  private Jwt decode(String token) {
    try {
      return decoder.decode(token);
    } catch (BadJwtException e) {
      throw new AccessTokenRejectedException(
          signatureFailed(e) ? TokenRejection.SIGNATURE : TokenRejection.MALFORMED);
    } catch (IssuerJwtDecoder.IssuerUnreachableException e) {
      // The decoder logs why, at most once per attempt to reach the issuer.
      throw new AccessTokenRejectedException(TokenRejection.UNVERIFIABLE);
    } catch (JwtException e) {
      // The keys could not be fetched: the token may be fine.
      LOG.warn(
          "Cannot check an access token: {}. Check that the issuer's signing keys can be fetched"
              + " from here",
          e.getMessage());
      throw new AccessTokenRejectedException(TokenRejection.UNVERIFIABLE);
    }
  }

  /** Parsed, but Nimbus refused the signature, its algorithm, or found no key to check it. */
  private static boolean signatureFailed(BadJwtException e) {
    return e.getCause() instanceof BadJOSEException
        || e.getMessage().startsWith("Unsupported algorithm");
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
