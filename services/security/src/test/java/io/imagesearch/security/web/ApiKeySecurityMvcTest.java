package io.imagesearch.security.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.key.Scope;
import io.imagesearch.testsupport.SettableClock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Every route of the route table against every kind of API key, with the exact answers (detail,
 * {@code WWW-Authenticate}); {@link AccessTokenIT} holds the same routes against keys and access
 * tokens over real HTTP.
 */
@SpringJUnitWebConfig(SecuredApp.class)
class ApiKeySecurityMvcTest {

  /** Each request comes from an address of its own unless a test says otherwise. */
  private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger();

  @Autowired WebApplicationContext context;
  @Autowired ApiKeys keys;
  @Autowired SettableClock clock;

  private MockMvc mvc;
  private TestKeys key;

  @BeforeEach
  void setUp() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    key = TestKeys.create(keys, clock);
  }

  /** Every route of the route table the chain uses, with the scope it needs. */
  static Stream<Arguments> routes() {
    return EveryRoute.arguments();
  }

  /** A key the chain refuses whatever the route: its reason and how the detail starts. */
  enum RefusedKey {
    EXPIRED("expired", "the API key has expired"),
    REVOKED("revoked", "the API key was revoked"),
    MALFORMED("malformed", "the API key is malformed"),
    UNKNOWN("unknown", "the API key is not known here");

    final String reason;
    final String detailStart;

    RefusedKey(String reason, String detailStart) {
      this.reason = reason;
      this.detailStart = detailStart;
    }

    String value(TestKeys keys) {
      return switch (this) {
        case EXPIRED -> keys.expired();
        case REVOKED -> keys.revoked();
        case MALFORMED -> "isk_123";
        case UNKNOWN -> "isk_ffffffffffffffff_" + "0".repeat(64);
      };
    }
  }

  /** Every refused kind of key on every route. */
  static Stream<Arguments> refusedKeysOnEveryRoute() {
    return EveryRoute.needingAScope().stream()
        .flatMap(
            route ->
                Stream.of(RefusedKey.values())
                    .map(kind -> Arguments.of(kind, route.method(), route.path())));
  }

  /** A key that may use every route: one with the route's own scope, and an admin key. */
  static Stream<Arguments> grantedKeysOnEveryRoute() {
    return EveryRoute.needingAScope().stream()
        .flatMap(
            route ->
                Stream.of(
                    Arguments.of(route.scope(), route.scope(), route.method(), route.path()),
                    Arguments.of(Scope.ADMIN, route.scope(), route.method(), route.path())));
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("routes")
  void withoutCredentialsTheAnswerIs401SayingWhichScopeToSend(
      Scope scope, String method, String path) throws Exception {
    problem(
            call(method, path, null),
            HttpStatus.UNAUTHORIZED,
            "api-key-missing",
            equalTo("Bearer realm=\"imagesearch\", scope=\"" + scope.wireName() + "\""))
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "this route needs an API key with scope '"
                        + scope.wireName()
                        + "': send it in the Authorization header as 'Bearer isk_...' or in the"
                        + " X-Api-Key header"));
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("routes")
  void aKeyWithoutTheScopeGets403NamingIt(Scope scope, String method, String path)
      throws Exception {
    String other = scope == Scope.SEARCH ? key.upload() : key.search();

    problem(
            call(method, path, other),
            HttpStatus.FORBIDDEN,
            "api-key-scope",
            equalTo(
                "Bearer realm=\"imagesearch\", error=\"insufficient_scope\", scope=\""
                    + scope.wireName()
                    + "\""))
        .andExpect(jsonPath("$.required_scope").value(scope.wireName()))
        .andExpect(
            jsonPath("$.detail")
                .value(
                    startsWith(
                        "the API key '"
                            + (scope == Scope.SEARCH ? "upload" : "search")
                            + "' lacks scope '"
                            + scope.wireName()
                            + "'")));
  }

  @ParameterizedTest(name = "{0} key: {1} {2}")
  @MethodSource("refusedKeysOnEveryRoute")
  void aRefusedKeyGets401SayingWhy(RefusedKey kind, String method, String path) throws Exception {
    refused(call(method, path, kind.value(key)), kind.reason, kind.detailStart);
  }

  @ParameterizedTest(name = "{0} key: {2} {3}")
  @MethodSource("grantedKeysOnEveryRoute")
  void aKeyWithTheScopeOrAdminIsLetThrough(Scope held, Scope needed, String method, String path)
      throws Exception {
    call(method, path, key.with(held)).andExpect(status().is2xxSuccessful());
  }

  @Test
  void theKeyMayComeInTheApiKeyHeaderOrAsABearerTokenOfAnyCase() throws Exception {
    mvc.perform(fromNewAddress(HttpMethod.GET, "/api/v1/search").header("X-Api-Key", key.search()))
        .andExpect(status().isOk());
    mvc.perform(
            fromNewAddress(HttpMethod.GET, "/api/v1/search")
                .header("Authorization", "bearer " + key.search()))
        .andExpect(status().isOk());
  }

  @Test
  void anotherAuthorizationSchemeIsMalformed() throws Exception {
    refused(
        mvc.perform(
            fromNewAddress(HttpMethod.GET, "/api/v1/search")
                .header("Authorization", "Basic dXNlcjpwYXNz")),
        "malformed",
        "the API key is malformed");
  }

  @Test
  void withoutAnOidcIssuerABearerTokenIsAMalformedKey() throws Exception {
    refused(
        mvc.perform(
            fromNewAddress(HttpMethod.GET, "/api/v1/search")
                .header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")),
        "malformed",
        "the API key is malformed");
  }

  @Test
  void theWebUiFilesAndHealthProbesNeedNoKey() throws Exception {
    call("GET", "/", null).andExpect(status().isOk());
    call("GET", "/actuator/health", null).andExpect(status().isOk());
    call("GET", "/actuator/health/liveness", null).andExpect(status().isOk());
  }

  @Test
  void aRouteNoRuleNamesNeedsAdmin() throws Exception {
    call("GET", "/api/v1/something-new", key.search())
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.required_scope").value("admin"));
    call("GET", "/api/v1/something-new", key.admin()).andExpect(status().isNotFound());
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    for (ResultActions answer :
        new ResultActions[] {
          call("GET", "/", null),
          call("GET", "/api/v1/search", key.search()),
          call("GET", "/api/v1/search", null),
          call("POST", "/api/v1/images", key.search()),
          call("GET", "/api/v1/search", "isk_bad")
        }) {
      answer
          .andExpect(header().string("Content-Security-Policy", SecuritySettings.DEFAULT_CSP))
          .andExpect(header().string("X-Frame-Options", "DENY"))
          .andExpect(header().string("X-Content-Type-Options", "nosniff"))
          .andExpect(header().string("Referrer-Policy", "no-referrer"));
    }
    assertThat(SecuritySettings.DEFAULT_CSP).contains("frame-ancestors 'none'");
  }

  @Test
  void whatAKeyUnlockedIsCacheableByItsHolderOnly() throws Exception {
    for (String path : new String[] {"/images/abc", "/thumbnails/abc"}) {
      call("GET", path, key.search())
          .andExpect(status().isOk())
          .andExpect(header().string("Cache-Control", "max-age=31536000, private, immutable"));
    }
  }

  @Test
  void noSessionIsCreated() throws Exception {
    call("GET", "/api/v1/search", key.search())
        .andExpect(status().isOk())
        .andExpect(header().doesNotExist("Set-Cookie"))
        .andExpect(result -> assertThat(result.getRequest().getSession(false)).isNull());
  }

  @Test
  void repeatedFailuresFromOneAddressGet429WithRetryAfter() throws Exception {
    for (int i = 0; i < 3; i++) {
      mvc.perform(fromAddress("198.51.100.7", "isk_wrong")).andExpect(status().isUnauthorized());
    }

    ResultActions limited =
        mvc.perform(fromAddress("198.51.100.7", key.search()))
            .andExpect(status().isTooManyRequests())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(
                jsonPath("$.type").value("https://imagesearch.io/problems/authentication-failures"))
            .andExpect(header().string("X-Frame-Options", "DENY"));
    long retryAfter = Long.parseLong(limited.andReturn().getResponse().getHeader("Retry-After"));
    // Three failures an hour: one comes back after 20 minutes.
    assertThat(retryAfter).isBetween(1L, Duration.ofMinutes(20).toSeconds());
    assertThat(limited.andReturn().getResponse().getContentAsString())
        .contains("wait " + retryAfter + " s");

    mvc.perform(fromAddress("198.51.100.8", key.search())).andExpect(status().isOk());
  }

  @Test
  void successesDoNotCountAsFailures() throws Exception {
    for (int i = 0; i < 5; i++) {
      mvc.perform(fromAddress("198.51.100.9", key.search())).andExpect(status().isOk());
    }
  }

  @Test
  void aCrossOriginRequestGetsNoCorsAllowance() throws Exception {
    mvc.perform(
            fromNewAddress(HttpMethod.GET, "/api/v1/search")
                .header("Origin", "https://elsewhere.example")
                .header("X-Api-Key", key.search()))
        .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
    mvc.perform(
            fromNewAddress(HttpMethod.OPTIONS, "/api/v1/search")
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "X-Api-Key"))
        .andExpect(header().doesNotExist("Access-Control-Allow-Origin"))
        .andExpect(header().doesNotExist("Access-Control-Allow-Headers"));
  }

  private ResultActions call(String method, String path, String apiKey) throws Exception {
    MockHttpServletRequestBuilder request = fromNewAddress(HttpMethod.valueOf(method), path);
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    return mvc.perform(request);
  }

  static MockHttpServletRequestBuilder fromNewAddress(HttpMethod method, String path) {
    String address = "2001:db8::" + Integer.toHexString(NEXT_ADDRESS.incrementAndGet());
    return request(method, path)
        .with(
            r -> {
              r.setRemoteAddr(address);
              return r;
            });
  }

  private static MockHttpServletRequestBuilder fromAddress(String address, String apiKey) {
    return request(HttpMethod.GET, "/api/v1/search")
        .header("X-Api-Key", apiKey)
        .with(
            r -> {
              r.setRemoteAddr(address);
              return r;
            });
  }

  private static void refused(ResultActions answer, String reason, String detailStart)
      throws Exception {
    problem(
            answer,
            HttpStatus.UNAUTHORIZED,
            "api-key-" + reason,
            startsWith("Bearer realm=\"imagesearch\", error=\"invalid_token\""))
        .andExpect(jsonPath("$.reason").value(reason))
        .andExpect(jsonPath("$.detail").value(startsWith(detailStart)));
  }

  /** A problem body of the security layer, with its status, type and WWW-Authenticate. */
  private static ResultActions problem(
      ResultActions answer, HttpStatus status, String type, Matcher<String> wwwAuthenticate)
      throws Exception {
    return answer
        .andExpect(status().is(status.value()))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(header().string("WWW-Authenticate", wwwAuthenticate))
        .andExpect(jsonPath("$.status").value(status.value()))
        .andExpect(jsonPath("$.title").value(status.getReasonPhrase()))
        .andExpect(jsonPath("$.type").value("https://imagesearch.io/problems/" + type));
  }

  /** A key of each kind, made fresh for each test. */
  record TestKeys(
      String search, String upload, String delete, String admin, String expired, String revoked) {

    static TestKeys create(ApiKeys keys, SettableClock clock) {
      String expired =
          keys.create("expired", Set.of(Scope.values()), clock.instant().plusSeconds(60)).value();
      var revoked = keys.create("revoked", Set.of(Scope.values()), null);
      keys.revoke(revoked.summary().id());
      clock.advance(Duration.ofSeconds(61));
      return new TestKeys(
          keys.create("search", Set.of(Scope.SEARCH), null).value(),
          keys.create("upload", Set.of(Scope.UPLOAD), null).value(),
          keys.create("delete", Set.of(Scope.DELETE), null).value(),
          keys.create("admin", Set.of(Scope.ADMIN), null).value(),
          expired,
          revoked.value());
    }

    String with(Scope scope) {
      return switch (scope) {
        case SEARCH -> search;
        case UPLOAD -> upload;
        case DELETE -> delete;
        case ADMIN -> admin;
      };
    }
  }
}
