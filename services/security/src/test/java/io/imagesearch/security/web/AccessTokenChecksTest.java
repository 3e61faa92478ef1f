package io.imagesearch.security.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.testsupport.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** Each claim check and its answer, with the clock skew at both ends of a token's lifetime. */
class AccessTokenChecksTest {

  private static final String ISSUER = "https://login.example.com/realms/images";
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private final SettableClock clock = new SettableClock(NOW);
  private final AccessTokenChecks checks =
      new AccessTokenChecks(
          new OidcSettings(ISSUER, "image-search", null, null, null, null, Duration.ofSeconds(30)),
          clock);

  @Test
  void aTokenWithinItsLifetimeFromTheIssuerForTheAudiencePasses() {
    assertThatCode(() -> checks.verify(token(b -> b))).doesNotThrowAnyException();
    assertThatCode(() -> checks.verify(token(b -> b.header("typ", "at+jwt"))))
        .doesNotThrowAnyException();
    assertThatCode(() -> checks.verify(token(b -> b.audience(List.of("billing", "image-search")))))
        .doesNotThrowAnyException();
  }

  @Test
  void anotherTypeIsNoAccessToken() {
    refused(token(b -> b.header("typ", "logout+jwt")), TokenRejection.MALFORMED)
        .hasMessageContaining("typ header is 'logout+jwt'");
  }

  @Test
  void expiryIsRequiredAndAllowsTheSkew() {
    refused(token(b -> b.claims(c -> c.remove("exp"))), TokenRejection.EXPIRED)
        .hasMessageContaining("has no expiry (exp)");
    assertThatCode(() -> checks.verify(token(b -> b.expiresAt(NOW.minusSeconds(30)))))
        .doesNotThrowAnyException();
    refused(token(b -> b.expiresAt(NOW.minusSeconds(31))), TokenRejection.EXPIRED)
        .hasMessage(
            "the access token expired at 2026-03-01T09:59:29Z: get a new one from the issuer");
  }

  @Test
  void notBeforeAllowsTheSkew() {
    assertThatCode(() -> checks.verify(token(b -> b.notBefore(NOW.plusSeconds(30)))))
        .doesNotThrowAnyException();
    refused(token(b -> b.notBefore(NOW.plusSeconds(31))), TokenRejection.NOT_YET_VALID)
        .hasMessageContaining("valid from 2026-03-01T10:00:31Z (nbf) only");
  }

  @Test
  void anotherIssuerOrAudienceIsRefused() {
    refused(token(b -> b.issuer(ISSUER + "/")), TokenRejection.ISSUER)
        .hasMessageContaining("accepts tokens of " + ISSUER + " only");
    refused(token(b -> b.claims(c -> c.remove("iss"))), TokenRejection.ISSUER);
    refused(token(b -> b.audience(List.of("billing"))), TokenRejection.AUDIENCE)
        .hasMessageContaining("its aud claim must contain 'image-search'");
    refused(token(b -> b.claims(c -> c.remove("aud"))), TokenRejection.AUDIENCE);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> refused(Jwt jwt, TokenRejection reason) {
    return assertThatThrownBy(() -> checks.verify(jwt))
        .isInstanceOfSatisfying(
            AccessTokenRejectedException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(reason));
  }

  private static Jwt token(UnaryOperator<Jwt.Builder> changes) {
    return changes
        .apply(
            Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .issuer(ISSUER)
                .audience(List.of("image-search"))
                .subject("someone")
                .issuedAt(NOW.minusSeconds(60))
                .notBefore(NOW.minusSeconds(60))
                .expiresAt(NOW.plusSeconds(300)))
        .build();
  }
}
