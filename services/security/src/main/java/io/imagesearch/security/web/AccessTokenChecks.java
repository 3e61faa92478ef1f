package io.imagesearch.security.web;

import java.time.Clock;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;

/**
 * The claims of an access token whose signature verified, checked in order, each failure with an
 * answer of its own: a JWT ({@code typ} absent, {@code JWT} or RFC 9068's {@code at+jwt}), within
 * its lifetime (an {@code exp} is required; both ends get the configured clock skew), from the
 * configured issuer and for the configured audience.
 */
final class AccessTokenChecks {

  private final OidcSettings settings;
  private final Clock clock;
  private final OAuth2TokenValidator<Jwt> type;
  private final OAuth2TokenValidator<Jwt> issuer;
  private final OAuth2TokenValidator<Jwt> audience;

  AccessTokenChecks(OidcSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    JwtTypeValidator types = new JwtTypeValidator("JWT", "at+jwt");
    types.setAllowEmpty(true);
    this.type = types;
    this.issuer = new JwtIssuerValidator(settings.issuerUri());
    this.audience = new JwtAudienceValidator(settings.audience());
  }

  /** Throws {@link AccessTokenRejectedException} with the first check {@code jwt} fails. */
  void verify(Jwt jwt) {
    if (type.validate(jwt).hasErrors()) {
      throw new AccessTokenRejectedException(
          TokenRejection.MALFORMED,
          "the token's typ header is '"
              + jwt.getHeaders().get("typ")
              + "', not an access token's (JWT or at+jwt): send the access token the issuer gave");
    }
    Instant now = clock.instant();
    Instant expiresAt = jwt.getExpiresAt();
    if (expiresAt == null || now.minus(settings.clockSkew()).isAfter(expiresAt)) {
      throw new AccessTokenRejectedException(
          TokenRejection.EXPIRED,
          expiresAt == null
              ? "the access token has no expiry (exp), which this server requires: get a token"
                  + " from the issuer that has one"
              : "the access token expired at " + expiresAt + ": get a new one from the issuer");
    }
    Instant notBefore = jwt.getNotBefore();
    if (notBefore != null && now.plus(settings.clockSkew()).isBefore(notBefore)) {
      throw new AccessTokenRejectedException(
          TokenRejection.NOT_YET_VALID,
          "the access token is valid from "
              + notBefore
              + " (nbf) only: check the clocks of the issuer and of this server");
    }
    if (issuer.validate(jwt).hasErrors()) {
      throw new AccessTokenRejectedException(
          TokenRejection.ISSUER,
          "the access token comes from another issuer: this server accepts tokens of "
              + settings.issuerUri()
              + " only");
    }
    if (audience.validate(jwt).hasErrors()) {
      throw new AccessTokenRejectedException(
          TokenRejection.AUDIENCE,
          "the access token is not meant for this platform: its aud claim must contain '"
              + settings.audience()
              + "'; ask the issuer for a token with that audience");
    }
  }
}
