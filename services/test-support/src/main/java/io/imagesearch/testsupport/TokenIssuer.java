package io.imagesearch.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A real OAuth 2.0 / OpenID Connect token issuer on a loopback port: Spring Authorization Server
 * with one client that gets access tokens by the client credentials grant, signed RS256 with a key
 * of its own and published, with the discovery document, over HTTP as any issuer does. The token
 * request may ask for the audience, lifetime (negative: already expired) and Keycloak-style roles
 * ({@code realm_access.roles}) of the token, which the token customizer writes into it.
 *
 * <p>Its Spring context has no auto-configuration: a Tomcat factory, the authorization server's
 * filter chain and nothing else, so it starts beside the app under test without picking up that
 * app's settings.
 */
public final class TokenIssuer implements AutoCloseable {

  /** The audience tokens get unless the request names another. */
  public static final String AUDIENCE = "image-search";

  /** Scopes the client may ask for: the project's four and one it does not know. */
  public static final List<String> SCOPES =
      List.of("search", "upload", "delete", "admin", "profile");

  private static final String CLIENT_ID = "imagesearch-tests";
  private static final String CLIENT_SECRET = "test-secret-" + UUID.randomUUID();

  private final RSAKey key;
  private final int port;
  private final AnnotationConfigServletWebServerApplicationContext context;

  private TokenIssuer(RSAKey key, int port) {
    this.key = key;
    this.port = port;
    this.context = new AnnotationConfigServletWebServerApplicationContext();
    context.registerBean(
        TomcatServletWebServerFactory.class,
        () -> {
          TomcatServletWebServerFactory tomcat = new TomcatServletWebServerFactory(port);
          tomcat.setAddress(InetAddress.getLoopbackAddress());
          // The endpoints are filters, and Tomcat runs filters only for a path some servlet maps.
          tomcat.setRegisterDefaultServlet(true);
          return tomcat;
        });
    context.registerBean(Identity.class, () -> new Identity(key, issuerUri()));
    context.register(Server.class);
    context.refresh();
  }

  /** An issuer with a new RSA key, on a free port. */
  public static TokenIssuer start() {
    return startOn(FreePort.find());
  }

  /** An issuer with a new RSA key on {@code port}, e.g. one a service was told about earlier. */
  public static TokenIssuer startOn(int port) {
    return new TokenIssuer(newKey(), port);
  }

  /**
   * Another issuer (another URL, so another {@code iss}) that signs with this one's key: its tokens
   * pass this issuer's signature check and fail only on the issuer.
   */
  public TokenIssuer anotherWithTheSameKey() {
    return new TokenIssuer(key, FreePort.find());
  }

  /** The issuer URL, as its tokens carry it in {@code iss}. */
  public String issuerUri() {
    return "http://127.0.0.1:" + port;
  }

  public String jwkSetUri() {
    return issuerUri() + "/oauth2/jwks";
  }

  public int port() {
    return port;
  }

  /** A token for {@link #AUDIENCE} granting {@code scopes}, valid for five minutes. */
  public String accessToken(String... scopes) {
    return accessToken(TokenRequest.withScopes(scopes));
  }

  /** A token as {@code request} asks, from the token endpoint (client credentials grant). */
  public String accessToken(TokenRequest request) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    if (!request.scopes().isEmpty()) {
      form.put("scope", String.join(" ", request.scopes()));
    }
    form.put("audience", request.audience());
    form.put("lifetime", Long.toString(request.lifetime().toSeconds()));
    if (!request.roles().isEmpty()) {
      form.put("roles", String.join(" ", request.roles()));
    }
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    String basic =
        Base64.getEncoder()
            .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> answer =
        Http.send(
            HttpRequest.newBuilder(URI.create(issuerUri() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "the issuer refused the token request ("
              + answer.statusCode()
              + "): "
              + new String(answer.body(), StandardCharsets.UTF_8));
    }
    return Http.json(answer).path("access_token").asText();
  }

  /**
   * A token that claims to come from this issuer, with its key id, audience and {@code scopes}, but
   * signed (with Nimbus) by another RSA key: what a forger holds.
   */
  public String forgedToken(String... scopes) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuerUri())
            .audience(AUDIENCE)
            .subject("forger")
            .claim("scope", String.join(" ", scopes))
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    try {
      jwt.sign(new RSASSASigner(new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate()));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  @Override
  public void close() {
    context.close();
  }

  private static RSAKey newKey() {
    try {
      return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What a test asks the issuer for.
   *
   * @param lifetime from now to the token's {@code exp}; negative for a token that has expired
   * @param roles written as Keycloak does, under {@code realm_access.roles}
   */
  public record TokenRequest(
      List<String> scopes, String audience, Duration lifetime, List<String> roles) {

    public static TokenRequest withScopes(String... scopes) {
      return new TokenRequest(List.of(scopes), AUDIENCE, Duration.ofMinutes(5), List.of());
    }

    public TokenRequest withAudience(String audience) {
      return new TokenRequest(scopes, audience, lifetime, roles);
    }

    public TokenRequest withLifetime(Duration lifetime) {
      return new TokenRequest(scopes, audience, lifetime, roles);
    }

    public TokenRequest withRoles(String... roles) {
      return new TokenRequest(scopes, audience, lifetime, List.of(roles));
    }
  }

  /** Who the issuer is: its signing key and its name. */
  record Identity(RSAKey key, String issuerUri) {}

  /** The authorization server's filter chain and its parts. */
  @Configuration(proxyBeanMethods = false)
  @EnableWebSecurity
  static class Server {

    @Bean
    SecurityFilterChain authorizationServer(HttpSecurity http, Identity issuer) throws Exception {
      JWKSource<SecurityContext> keys = new ImmutableJWKSet<>(new JWKSet(issuer.key()));
      JwtGenerator tokens = new JwtGenerator(new NimbusJwtEncoder(keys));
      tokens.setJwtCustomizer(Server::customize);
      RegisteredClient client =
          RegisteredClient.withId(CLIENT_ID)
              .clientId(CLIENT_ID)
              .clientSecret("{noop}" + CLIENT_SECRET)
              .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
              .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
              .scopes(scopes -> scopes.addAll(SCOPES))
              .build();
      http.setSharedObject(JWKSource.class, keys);
      http.oauth2AuthorizationServer(
              server ->
                  server
                      .registeredClientRepository(new InMemoryRegisteredClientRepository(client))
                      .authorizationServerSettings(
                          AuthorizationServerSettings.builder().issuer(issuer.issuerUri()).build())
                      .tokenGenerator(new DelegatingOAuth2TokenGenerator(tokens))
                      .oidc(Customizer.withDefaults()))
          // The OIDC user info endpoint takes the issuer's own tokens.
          .oauth2ResourceServer(
              server ->
                  server.jwt(
                      jwt -> jwt.decoder(OAuth2AuthorizationServerConfiguration.jwtDecoder(keys))))
          .authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
      return http.build();
    }

    /** Audience, lifetime and roles as the token request asked. */
    private static void customize(JwtEncodingContext context) {
      if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
          || !(context.getAuthorizationGrant()
              instanceof OAuth2ClientCredentialsAuthenticationToken grant)) {
        return;
      }
      Map<String, Object> asked = grant.getAdditionalParameters();
      context.getClaims().audience(List.of((String) asked.get("audience")));
      Instant now = Instant.now();
      Instant expiresAt = now.plusSeconds(Long.parseLong((String) asked.get("lifetime")));
      // An expired token was issued before it expired.
      Instant issuedAt = expiresAt.isAfter(now) ? now : expiresAt.minus(Duration.ofMinutes(5));
      context.getClaims().issuedAt(issuedAt).notBefore(issuedAt).expiresAt(expiresAt);
      if (asked.get("roles") instanceof String roles) {
        context.getClaims().claim("realm_access", Map.of("roles", List.of(roles.split(" "))));
      }
    }
  }
}
