package io.imagesearch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.imagesearch.testsupport.TokenIssuer.TokenRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The issuer publishes what a resource server reads, and issues the tokens tests ask for. */
class TokenIssuerIT {

  private static TokenIssuer issuer;
  private static RSAKey publishedKey;

  @BeforeAll
  static void start() throws Exception {
    issuer = TokenIssuer.start();
    String keys =
        new String(Http.get(URI.create(issuer.jwkSetUri())).body(), StandardCharsets.UTF_8);
    publishedKey = JWKSet.parse(keys).getKeys().getFirst().toRSAKey();
  }

  @AfterAll
  static void stop() {
    issuer.close();
  }

  @Test
  void theDiscoveryDocumentNamesTheIssuerAndItsKeys() {
    JsonNode discovery =
        Http.json(Http.get(URI.create(issuer.issuerUri() + "/.well-known/openid-configuration")));

    assertThat(discovery.path("issuer").asText()).isEqualTo(issuer.issuerUri());
    assertThat(discovery.path("jwks_uri").asText()).isEqualTo(issuer.jwkSetUri());
    assertThat(publishedKey.isPrivate()).isFalse();
  }

  @Test
  void aTokenCarriesWhatWasAskedForSignedWithThePublishedKey() throws Exception {
    SignedJWT token =
        SignedJWT.parse(
            issuer.accessToken(
                TokenRequest.withScopes("search", "upload")
                    .withAudience("billing")
                    .withRoles("photographers")));

    assertThat(token.verify(new RSASSAVerifier(publishedKey))).isTrue();
    assertThat(token.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    var claims = token.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo(issuer.issuerUri());
    assertThat(claims.getAudience()).containsExactly("billing");
    assertThat(claims.getStringListClaim("scope")).containsExactlyInAnyOrder("search", "upload");
    assertThat(claims.getJSONObjectClaim("realm_access"))
        .isEqualTo(Map.of("roles", java.util.List.of("photographers")));
    assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now());
  }

  @Test
  void anExpiredTokenExpiredBeforeItWasAskedFor() throws Exception {
    var claims =
        SignedJWT.parse(
                issuer.accessToken(
                    TokenRequest.withScopes("search").withLifetime(Duration.ofMinutes(-2))))
            .getJWTClaimsSet();

    assertThat(claims.getExpirationTime().toInstant())
        .isBefore(Instant.now().minus(Duration.ofMinutes(1)));
    assertThat(claims.getIssueTime()).isBefore(claims.getExpirationTime());
  }

  @Test
  void aForgedTokenDoesNotVerifyWithThePublishedKey() throws Exception {
    SignedJWT forged = SignedJWT.parse(issuer.forgedToken("admin"));

    assertThat(forged.getHeader().getKeyID()).isEqualTo(publishedKey.getKeyID());
    assertThat(forged.verify(new RSASSAVerifier(publishedKey))).isFalse();
  }

  @Test
  void anotherIssuerWithTheSameKeyHasAnotherName() throws Exception {
    try (TokenIssuer other = issuer.anotherWithTheSameKey()) {
      SignedJWT token = SignedJWT.parse(other.accessToken("search"));

      assertThat(token.verify(new RSASSAVerifier(publishedKey))).isTrue();
      assertThat(token.getJWTClaimsSet().getIssuer())
          .isEqualTo(other.issuerUri())
          .isNotEqualTo(issuer.issuerUri());
    }
  }
}
