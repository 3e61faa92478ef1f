package io.imagesearch.security.web;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import java.text.ParseException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestOperations;
import org.springframework.web.client.RestTemplate;

/**
 * Verifies an access token's signature with the keys the issuer publishes (Spring Security's Nimbus
 * decoder, which caches them and fetches them again for a key id it does not know). Only asymmetric
 * algorithms (RS, PS, ES) are accepted, so neither {@code none} nor a token signed with a public
 * key as an HMAC secret gets through.
 *
 * <p>Nothing is fetched while the service starts: without {@code jwk-set-uri} the keys' location
 * comes from the issuer's discovery document, read at the first token (or by {@link #probe}), so a
 * service starts while its issuer is down and its tokens are refused until the issuer answers. A
 * failed discovery is tried again at most every {@link #RETRY}; until then tokens are refused at
 * once instead of each waiting on the network.
 */
final class IssuerJwtDecoder implements JwtDecoder {

  static final Duration RETRY = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(IssuerJwtDecoder.class);
  private static final String DISCOVERY = "/.well-known/openid-configuration";

  private final OidcSettings settings;
  private final RestOperations http;

  private volatile JwtDecoder decoder;
  private String jwkSetUri;
  private long nextAttemptNanos = System.nanoTime();
  private String lastFailure = "";

  IssuerJwtDecoder(OidcSettings settings) {
    this.settings = settings;
    SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(Duration.ofSeconds(2));
    requests.setReadTimeout(Duration.ofSeconds(5));
    this.http = new RestTemplate(requests);
  }

  @Override
  public Jwt decode(String token) {
    // Something that is no signed JWT is refused as such, whether the issuer answers or not.
    try {
      if (JWTParser.parse(token) instanceof PlainJWT) {
        throw new BadJwtException("Unsupported algorithm of none");
      }
    } catch (ParseException e) {
      throw new BadJwtException("Malformed token: " + e.getMessage(), e);
    }
    return resolved().decode(token);
  }

  /**
   * Finds and fetches the issuer's keys once, so the start-up log says whether tokens can be
   * checked; a failure is logged (with what to set) and the service runs on.
   */
  void probe() {
    try {
      resolved();
      String location = resolvedJwkSetUri();
      int keys = JWKSet.parse(http.getForObject(location, String.class)).size();
      LOG.info(
          "Accepting OIDC access tokens of issuer {} for audience {}; {} signing key(s) at {}",
          settings.issuerUri(),
          settings.audience(),
          keys,
          location);
    } catch (IssuerUnreachableException e) {
      // resolved() has logged why.
    } catch (RestClientException | ParseException e) {
      LOG.warn(
          "OIDC: the signing keys of issuer {} cannot be fetched from {}: {}. The service runs,"
              + " and access tokens get 401 until they can; API keys work meanwhile. Check that"
              + " the issuer is reachable from here, and imagesearch.security.oidc.jwk-set-uri"
              + " (IMAGESEARCH_SECURITY_OIDC_JWK_SET_URI) if set",
          settings.issuerUri(),
          resolvedJwkSetUri(),
          e.getMessage());
    }
  }

  private synchronized String resolvedJwkSetUri() {
    return jwkSetUri;
  }

  private JwtDecoder resolved() {
    JwtDecoder current = decoder;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (decoder != null) {
        return decoder;
      }
      long now = System.nanoTime();
      if (now - nextAttemptNanos < 0) {
        throw new IssuerUnreachableException(lastFailure);
      }
      try {
        String location = settings.jwkSetUri() != null ? settings.jwkSetUri() : discoverJwkSetUri();
        decoder = build(location);
        jwkSetUri = location;
        return decoder;
      } catch (RuntimeException e) {
        nextAttemptNanos = now + RETRY.toNanos();
        lastFailure = e.getMessage();
        LOG.warn(
            "OIDC: {}. The service runs, and access tokens get 401 until the issuer answers"
                + " (tried again at most every {} s); API keys work meanwhile. Check"
                + " imagesearch.security.oidc.issuer-uri (IMAGESEARCH_SECURITY_OIDC_ISSUER_URI)"
                + " and that the issuer is reachable from here, or set"
                + " imagesearch.security.oidc.jwk-set-uri (IMAGESEARCH_SECURITY_OIDC_JWK_SET_URI)"
                + " to its JWKS URL",
            lastFailure,
            RETRY.toSeconds());
        throw new IssuerUnreachableException(lastFailure, e);
      }
    }
  }

  private String discoverJwkSetUri() {
    String issuer = settings.issuerUri();
    String location = issuer.replaceAll("/+$", "") + DISCOVERY;
    Map<String, Object> document;
    try {
      document = JSONObjectUtils.parse(http.getForObject(location, String.class));
    } catch (RestClientException | ParseException e) {
      throw new IllegalStateException(
          "cannot read the discovery document of issuer "
              + issuer
              + " at "
              + location
              + ": "
              + e.getMessage(),
          e);
    }
    if (!issuer.equals(document.get("issuer"))) {
      throw new IllegalStateException(
          "the discovery document at "
              + location
              + " names the issuer \""
              + document.get("issuer")
              + "\", not "
              + issuer
              + ": set imagesearch.security.oidc.issuer-uri to exactly the issuer its tokens"
              + " carry in iss");
    }
    if (!(document.get("jwks_uri") instanceof String keys) || keys.isBlank()) {
      throw new IllegalStateException("the discovery document at " + location + " has no jwks_uri");
    }
    return keys;
  }

  private NimbusJwtDecoder build(String location) {
    NimbusJwtDecoder nimbus =
        NimbusJwtDecoder.withJwkSetUri(location)
            .restOperations(http)
            .jwsAlgorithms(algorithms -> algorithms.addAll(EnumSet.allOf(SignatureAlgorithm.class)))
            .build();
    // The claims are checked by AccessTokenChecks, each with an answer of its own.
    nimbus.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
    return nimbus;
  }

  /** The issuer's keys cannot be found: nobody's fault at the client. */
  static final class IssuerUnreachableException extends JwtException {

    IssuerUnreachableException(String message) {
      super(message);
    }

    IssuerUnreachableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
