package io.imagesearch.security.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.imagesearch.security.key.ApiKeyStore;
import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.key.Scope;
import io.imagesearch.testsupport.FreePort;
import io.imagesearch.testsupport.TokenIssuer;
import io.imagesearch.testsupport.TokenIssuer.TokenRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every route against every kind of credential, over real HTTP: the security module in a Spring
 * Boot app on a real port ({@link BootAppTest.App}) and access tokens of a real issuer (Spring
 * Authorization Server on a loopback port, {@link TokenIssuer}). The routes are every rule of the
 * route table the security chain uses ({@link EveryRoute}), each sent with no credentials, an API
 * key with the scope, without it, expired and revoked, and a token with the scope, without it,
 * expired, for another audience, from another issuer and forged. Besides: roles mapped to scopes;
 * API keys beside tokens; refused tokens counted by the failure limit; an issuer that is down when
 * the app starts.
 */
class AccessTokenIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static TokenIssuer issuer;
  private static TokenIssuer otherIssuer;
  private static ConfigurableApplicationContext app;
  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
  private static final Map<Scope, String> KEYS = new EnumMap<>(Scope.class);
  private static String expiredKey;
  private static String revokedKey;

  @BeforeAll
  static void start() {
    issuer = TokenIssuer.start();
    otherIssuer = issuer.anotherWithTheSameKey();
    // Every request of this class comes from 127.0.0.1: a failure limit the matrix never reaches,
    // and no rate limit (RateLimitMvcTest and RateLimitsAndQuotasIT test those).
    app =
        boot(
            issuer.issuerUri(),
            "imagesearch.security.failure-limit.failures=1000",
            "imagesearch.security.rate-limit.enabled=false",
            "imagesearch.security.oidc.roles-claim=realm_access.roles",
            "imagesearch.security.oidc.role-scopes.photographers=upload,search",
            "imagesearch.security.oidc.role-scopes.image-admins=admin");
    ApiKeys keys = app.getBean(ApiKeys.class);
    for (Scope scope : Scope.values()) {
      KEYS.put(scope, keys.create(scope.wireName(), Set.of(scope), null).value());
    }
    // Made an hour ago to expire a minute later: expired now, by the app's own clock.
    Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
    expiredKey =
        new ApiKeys(app.getBean(ApiKeyStore.class), Clock.fixed(hourAgo, ZoneOffset.UTC))
            .create("expired", Set.of(Scope.values()), hourAgo.plusSeconds(60))
            .value();
    var revoked = keys.create("revoked", Set.of(Scope.values()), null);
    keys.revoke(revoked.summary().id());
    revokedKey = revoked.value();
  }

  @AfterAll
  static void stop() {
    app.close();
    otherIssuer.close();
    issuer.close();
  }

  /** Every route of the route table, with the scope it needs (HEAD twins of reads included). */
  static Stream<Arguments> routes() {
    return EveryRoute.arguments();
  }

  /** Tokens depend on the scope and the kind only: one each, not one per route. */
  private static String token(String kind, Scope scope, Supplier<String> issue) {
    return TOKENS.computeIfAbsent(kind + " " + scope, k -> issue.get());
  }

  private static Scope anotherScope(Scope scope) {
    return scope == Scope.SEARCH ? Scope.UPLOAD : Scope.SEARCH;
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("routes")
  void aKeyWithTheRoutesScopeIsLetThrough(Scope scope, String method, String path) {
    HttpResponse<String> answer = call(app, method, path, KEYS.get(scope));

    assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("routes")
  void aKeyWithoutTheScopeGets403NamingIt(Scope scope, String method, String path) {
    HttpResponse<String> answer = call(app, method, path, KEYS.get(anotherScope(scope)));

    assertThat(problem(answer, 403, "api-key-scope").path("required_scope").asString())
        .isEqualTo(scope.wireName());
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("routes")
  void anExpiredKeyGets401(Scope scope, String method, String path) {
    HttpResponse<String> answer = call(app, method, path, expiredKey);

    assertThat(problem(answer, 401, "api-key-expired").path("reason").asString())
        .isEqualTo("expired");
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("routes")
  void aRevokedKeyGets401(Scope scope, String method, String path) {
    HttpResponse<String> answer = call(app, method, path, revokedKey);

    assertThat(problem(answer, 401, "api-key-revoked").path("reason").asString())
        .isEqualTo("revoked");
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("routes")
  void aTokenWithTheRoutesScopeIsLetThrough(Scope scope, String method, String path) {
    HttpResponse<String> answer =
        call(app, method, path, token("valid", scope, () -> issuer.accessToken(scope.wireName())));

    assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("routes")
  void anAdminTokenIsLetThroughEverywhere(Scope scope, String method, String path) {
    HttpResponse<String> answer =
        call(app, method, path, token("admin", Scope.ADMIN, () -> issuer.accessToken("admin")));

    assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("routes")
  void aTokenWithoutTheScopeGets403NamingIt(Scope scope, String method, String path) {
    String other = anotherScope(scope).wireName();
    HttpResponse<String> answer =
        call(
            app,
            method,
            path,
            token("other scope", scope, () -> issuer.accessToken(other, "profile")));

    JsonNode problem = problem(answer, 403, "token-scope");
    assertThat(problem.path("required_scope").asString()).isEqualTo(scope.wireName());
    assertThat(problem.path("detail").asString())
        .startsWith(
            "the access token of 'imagesearch-tests' lacks scope '" + scope.wireName() + "'");
    assertThat(answer.headers().firstValue("WWW-Authenticate"))
        .contains(
            "Bearer realm=\"imagesearch\", error=\"insufficient_scope\", scope=\""
                + scope.wireName()
                + "\"");
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("routes")
  void anExpiredTokenGets401(Scope scope, String method, String path) {
    String expired =
        token(
            "expired",
            scope,
            () ->
                issuer.accessToken(
                    TokenRequest.withScopes(scope.wireName())
                        .withLifetime(Duration.ofMinutes(-2))));

    refused(call(app, method, path, expired), "expired", "the access token expired at ");
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("routes")
  void aTokenForAnotherAudienceGets401(Scope scope, String method, String path) {
    String elsewhere =
        token(
            "audience",
            scope,
            () ->
                issuer.accessToken(
                    TokenRequest.withScopes(scope.wireName()).withAudience("billing")));

    refused(
        call(app, method, path, elsewhere),
        "audience",
        "the access token is not meant for this platform: its aud claim must contain"
            + " 'image-search'");
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("routes")
  void aTokenOfAnotherIssuerGets401EvenSignedWithTheSameKey(
      Scope scope, String method, String path) {
    refused(
        call(
            app,
            method,
            path,
            token("issuer", scope, () -> otherIssuer.accessToken(scope.wireName()))),
        "issuer",
        "the access token comes from another issuer: this server accepts tokens of "
            + issuer.issuerUri()
            + " only");
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("routes")
  void aForgedTokenGets401(Scope scope, String method, String path) {
    refused(
        call(app, method, path, token("forged", scope, () -> issuer.forgedToken(scope.wireName()))),
        "signature",
        "the access token is not signed by a key the issuer publishes");
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("routes")
  void withoutCredentialsTheAnswerIs401NamingKeysAndTheIssuer(
      Scope scope, String method, String path) {
    JsonNode problem = problem(call(app, method, path, null), 401, "api-key-missing");

    assertThat(problem.path("detail").asString())
        .endsWith(", or an access token of " + issuer.issuerUri() + " as 'Bearer <token>'");
  }

  @Test
  void somethingThatIsNoJwtGets401() {
    refused(
        call(app, "GET", "/api/v1/search", "not-a-token"),
        "malformed",
        "the access token is not a signed JWT access token");
  }

  @Test
  void rolesGrantTheScopesTheyAreMappedTo() {
    String photographer = issuer.accessToken(TokenRequest.withScopes().withRoles("photographers"));
    String admin = issuer.accessToken(TokenRequest.withScopes().withRoles("image-admins", "x"));
    String unmapped = issuer.accessToken(TokenRequest.withScopes().withRoles("visitors"));

    assertThat(call(app, "POST", "/api/v1/ingest", photographer).statusCode()).isEqualTo(202);
    assertThat(call(app, "GET", "/images/abc", photographer).statusCode()).isEqualTo(200);
    problem(call(app, "DELETE", "/api/v1/images/abc", photographer), 403, "token-scope");
    assertThat(call(app, "DELETE", "/api/v1/images/abc", admin).statusCode()).isEqualTo(204);
    problem(call(app, "GET", "/api/v1/search", unmapped), 403, "token-scope");
  }

  @Test
  void apiKeysWorkBesideTokens() {
    ApiKeys keys = app.getBean(ApiKeys.class);
    String search = keys.create("reader", Set.of(Scope.SEARCH), null).value();

    assertThat(call(app, "GET", "/api/v1/search", search).statusCode()).isEqualTo(200);
    problem(call(app, "POST", "/api/v1/ingest", search), 403, "api-key-scope");
    // A Bearer value shaped like a key is a key, never a token.
    problem(call(app, "GET", "/api/v1/search", "isk_0123"), 401, "api-key-malformed");
  }

  @Test
  void refusedTokensCountTowardTheFailureLimit() {
    ConfigurableApplicationContext limited =
        boot(
            issuer.issuerUri(),
            "imagesearch.security.failure-limit.failures=3",
            "imagesearch.security.oidc.jwk-set-uri=" + issuer.jwkSetUri());
    try {
      String valid = issuer.accessToken("search");
      assertThat(call(limited, "GET", "/api/v1/search", valid).statusCode()).isEqualTo(200);
      refused(
          call(limited, "GET", "/api/v1/search", issuer.forgedToken("search")), "signature", "");
      refused(
          call(limited, "GET", "/api/v1/search", otherIssuer.accessToken("search")), "issuer", "");
      refused(
          call(
              limited,
              "GET",
              "/api/v1/search",
              issuer.accessToken(TokenRequest.withScopes("search").withAudience("billing"))),
          "audience",
          "");

      HttpResponse<String> blocked = call(limited, "GET", "/api/v1/search", valid);
      problem(blocked, 429, "authentication-failures");
      assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
    } finally {
      limited.close();
    }
  }

  @Test
  void theAppStartsWhileTheIssuerIsDownAndAcceptsItsTokensOnceItAnswers() {
    int port = FreePort.find();
    String later = "http://127.0.0.1:" + port;
    // Two failures allowed: the refusals while the issuer is down must not count.
    ConfigurableApplicationContext app =
        boot(later, "imagesearch.security.failure-limit.failures=2");
    // Attached once the app has started: Spring Boot resets the logging on start.
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger decoderLog = (Logger) LoggerFactory.getLogger(IssuerJwtDecoder.class);
    decoderLog.addAppender(log);
    try {
      String token = issuer.accessToken("search");
      // Discovery is tried again every few seconds, each failure logged with what to set.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                refused(
                    call(app, "GET", "/api/v1/search", token),
                    "unverifiable",
                    "the access token could not be checked: the issuer's signing keys cannot be"
                        + " fetched right now");
                assertThat(messages(log))
                    .anySatisfy(
                        line ->
                            assertThat(line)
                                .contains("cannot read the discovery document of issuer " + later)
                                .contains("access tokens get 401 until the issuer answers")
                                .contains("imagesearch.security.oidc.issuer-uri")
                                .contains("imagesearch.security.oidc.jwk-set-uri"));
              });

      try (TokenIssuer upLater = TokenIssuer.startOn(port)) {
        String fromIt = upLater.accessToken("search");
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> call(app, "GET", "/api/v1/search", fromIt).statusCode() == 200);
      }
    } finally {
      app.close();
      decoderLog.detachAppender(log);
    }
  }

  private static List<String> messages(ListAppender<ILoggingEvent> log) {
    synchronized (log) {
      return new ArrayList<>(log.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }
  }

  private static ConfigurableApplicationContext boot(String issuerUri, String... properties) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "server.port=0",
                "server.address=127.0.0.1",
                "spring.main.banner-mode=off",
                "logging.level.root=warn",
                "imagesearch.security.oidc.issuer-uri=" + issuerUri,
                "imagesearch.security.oidc.audience=" + TokenIssuer.AUDIENCE));
    all.addAll(List.of(properties));
    return new SpringApplicationBuilder(BootAppTest.App.class)
        .properties(all.toArray(String[]::new))
        .run();
  }

  private static HttpResponse<String> call(
      ConfigurableApplicationContext app, String method, String path, String bearer) {
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return send(request.build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void refused(HttpResponse<String> answer, String reason, String detailStart) {
    JsonNode problem = problem(answer, 401, "token-" + reason);
    assertThat(problem.path("reason").asString()).isEqualTo(reason);
    assertThat(problem.path("detail").asString()).startsWith(detailStart);
    assertThat(answer.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(
            value ->
                assertThat(value)
                    .startsWith("Bearer realm=\"imagesearch\", error=\"invalid_token\"")
                    .contains("error_description=\"" + detailStart));
  }

  private static JsonNode problem(HttpResponse<String> answer, int status, String type) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
    if (answer.request().method().equals("HEAD")) {
      // A HEAD answer has no body; its GET twin must get the same problem.
      answer = send(HttpRequest.newBuilder(answer.request(), (name, value) -> true).GET().build());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    }
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.path("type").asString())
        .isEqualTo("https://imagesearch.io/problems/" + type);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    return problem;
  }
}
