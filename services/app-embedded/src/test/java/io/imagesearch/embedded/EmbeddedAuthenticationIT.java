package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.security.key.Scope;
import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.Http;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Authentication of the packaged app as a user runs it (docs/SECURITY.md): every route against no
 * key, a key without its scope, an expired key, a revoked key and a key with its scope; keys made
 * and revoked through the API and the {@code keys} command while the server runs; the first start's
 * admin key; the loopback-only listener.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedAuthenticationIT {

  private static Path dataDir;
  private static EmbeddedProcess app;
  private static String firstStartLog;
  private static String imageId;
  private static String deletableId;
  private static String taskId;
  private static String expiredKey;
  private static String revokedKey;
  private static final Map<Scope, String> ONLY = new EnumMap<>(Scope.class);
  private static final Map<Scope, String> ALL_BUT = new EnumMap<>(Scope.class);

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("embedded-auth-");
    // Expired and revoked keys count as failed authentications; the limit is not under test here.
    app = EmbeddedProcess.serve(dataDir, "--imagesearch.security.failure-limit.failures=1000");
    firstStartLog = app.log();

    List<HeldoutSet.Example> examples = HeldoutSet.distinct(2);
    taskId = uploadAsAdmin(examples.get(0));
    imageId = awaitSuccess(taskId);
    deletableId = awaitSuccess(uploadAsAdmin(examples.get(1)));

    for (Scope scope : EnumSet.of(Scope.SEARCH, Scope.UPLOAD, Scope.DELETE)) {
      ONLY.put(scope, app.createKey(scope));
    }
    ONLY.put(Scope.ADMIN, app.adminKey());
    for (Scope scope : Scope.values()) {
      Scope[] others =
          Arrays.stream(Scope.values())
              .filter(s -> s != scope && s != Scope.ADMIN)
              .toArray(Scope[]::new);
      ALL_BUT.put(scope, app.createKey(others));
    }
    // Admin keys, so that expiry and revocation are the only reasons they are refused.
    revokedKey = app.createKey("to revoke", null, Scope.ADMIN);
    assertThat(app.send(revokeRequest(idOf(revokedKey))).statusCode()).isEqualTo(200);
    expiredKey = app.createKey("short-lived", Instant.now().plusSeconds(3), Scope.ADMIN);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> callAs(expiredKey, "GET", "/api/v1/stats").statusCode() == 401);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  /** How a request presents itself. */
  enum Credential {
    NO_KEY,
    WRONG_SCOPE,
    EXPIRED_KEY,
    REVOKED_KEY,
    VALID_KEY
  }

  /**
   * A route, the scope it needs (docs/SECURITY.md) and what a key with that scope gets; {@code
   * {image}}, {@code {deletable}} and {@code {task}} stand for ids made at start.
   */
  record Route(Scope scope, String method, String path, Body body, int validStatus) {
    @Override
    public String toString() {
      return method + " " + path + " (" + scope.wireName() + ")";
    }
  }

  enum Body {
    NONE,
    IMAGE_AS_FILE,
    IMAGE_AS_FILES,
    KEY_REQUEST
  }

  static Stream<Route> routes() {
    return Stream.of(
        new Route(Scope.SEARCH, "GET", "/api/v1/image/search?text=circle", Body.NONE, 200),
        new Route(Scope.SEARCH, "GET", "/api/v1/search?text=circle", Body.NONE, 200),
        new Route(Scope.SEARCH, "POST", "/api/v1/search/by-image", Body.IMAGE_AS_FILE, 200),
        new Route(Scope.SEARCH, "GET", "/api/v1/images/{image}", Body.NONE, 200),
        new Route(Scope.SEARCH, "GET", "/api/v1/images/{image}/similar", Body.NONE, 200),
        new Route(Scope.SEARCH, "GET", "/api/v1/images/{image}/duplicates", Body.NONE, 200),
        new Route(Scope.SEARCH, "GET", "/api/v1/images/newest?limit=5", Body.NONE, 200),
        new Route(Scope.SEARCH, "GET", "/api/v1/stats", Body.NONE, 200),
        new Route(Scope.SEARCH, "GET", "/api/v1/delivery", Body.NONE, 200),
        new Route(Scope.SEARCH, "GET", "/images/{image}", Body.NONE, 200),
        new Route(Scope.SEARCH, "HEAD", "/images/{image}", Body.NONE, 200),
        new Route(Scope.SEARCH, "GET", "/thumbnails/{image}", Body.NONE, 200),
        new Route(Scope.UPLOAD, "POST", "/api/v1/ingest", Body.IMAGE_AS_FILE, 202),
        new Route(Scope.UPLOAD, "POST", "/api/v1/images", Body.IMAGE_AS_FILES, 202),
        new Route(Scope.UPLOAD, "GET", "/api/v1/ingest/{task}", Body.NONE, 200),
        new Route(Scope.UPLOAD, "GET", "/api/v1/tasks", Body.NONE, 200),
        new Route(Scope.UPLOAD, "GET", "/api/v1/tasks/{task}", Body.NONE, 200),
        new Route(Scope.DELETE, "DELETE", "/api/v1/images/{deletable}", Body.NONE, 204),
        new Route(Scope.ADMIN, "GET", "/api/v1/keys", Body.NONE, 200),
        new Route(Scope.ADMIN, "POST", "/api/v1/keys", Body.KEY_REQUEST, 201),
        new Route(Scope.ADMIN, "DELETE", "/api/v1/keys/0123456789abcdef", Body.NONE, 404),
        new Route(Scope.ADMIN, "POST", "/api/v1/demo", Body.NONE, 202),
        new Route(Scope.ADMIN, "GET", "/actuator/metrics", Body.NONE, 200),
        new Route(Scope.ADMIN, "GET", "/actuator/info", Body.NONE, 200),
        new Route(Scope.ADMIN, "GET", "/api/v1/no-such-route", Body.NONE, 404));
  }

  static Stream<Arguments> routesAndCredentials() {
    return routes()
        .flatMap(
            route -> Arrays.stream(Credential.values()).map(cred -> Arguments.of(route, cred)));
  }

  @Order(1)
  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("routesAndCredentials")
  void everyRouteAnswersEachCredentialAsDocumented(Route route, Credential credential) {
    String key =
        switch (credential) {
          case NO_KEY -> null;
          case WRONG_SCOPE -> ALL_BUT.get(route.scope());
          case EXPIRED_KEY -> expiredKey;
          case REVOKED_KEY -> revokedKey;
          case VALID_KEY -> ONLY.get(route.scope());
        };

    HttpResponse<byte[]> answer = EmbeddedProcess.sendAs(key, request(route));

    String scope = route.scope().wireName();
    switch (credential) {
      case NO_KEY -> {
        JsonNode problem = assertProblem(route, answer, 401, "api-key-missing");
        assertThat(answer.headers().firstValue("WWW-Authenticate"))
            .contains("Bearer realm=\"imagesearch\", scope=\"" + scope + "\"");
        if (problem != null) {
          assertThat(problem.path("required_scope").asText()).isEqualTo(scope);
        }
      }
      case WRONG_SCOPE -> {
        JsonNode problem = assertProblem(route, answer, 403, "api-key-scope");
        if (problem != null) {
          assertThat(problem.path("required_scope").asText()).isEqualTo(scope);
          assertThat(problem.path("detail").asText()).contains("lacks scope '" + scope + "'");
        }
      }
      case EXPIRED_KEY -> assertRefused(route, answer, "expired");
      case REVOKED_KEY -> assertRefused(route, answer, "revoked");
      case VALID_KEY ->
          assertThat(answer.statusCode()).as(body(answer)).isEqualTo(route.validStatus());
    }
  }

  @Order(1)
  @ParameterizedTest(name = "GET {0}")
  @ValueSource(
      strings = {
        "/",
        "/index.html",
        "/app.js",
        "/api.js",
        "/style.css",
        "/v3/api-docs",
        "/actuator/health",
        "/actuator/health/liveness",
        "/actuator/health/readiness"
      })
  void theWebUiShellTheApiDescriptionAndHealthNeedNoKey(String path) {
    HttpResponse<byte[]> answer = callAs(null, "GET", path);

    assertThat(answer.statusCode()).as(body(answer)).isEqualTo(200);
    assertThat(answer.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(answer.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("frame-ancestors 'none'");
  }

  @Order(1)
  @Test
  void theApiDescriptionSaysHowToSendAKey() {
    JsonNode description = Http.json(callAs(null, "GET", "/v3/api-docs"));

    JsonNode scheme = description.path("components").path("securitySchemes").path("apiKey");
    assertThat(scheme.path("type").asText()).isEqualTo("http");
    assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
    assertThat(description.path("security").get(0).has("apiKey")).isTrue();
  }

  @Order(1)
  @Test
  void imagesAKeyUnlockedAreCacheableByItsHolderOnly() {
    HttpResponse<byte[]> image = callAs(ONLY.get(Scope.SEARCH), "GET", "/images/" + imageId);

    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.headers().firstValue("Cache-Control").orElseThrow())
        .contains("private")
        .doesNotContain("public");
  }

  @Order(1)
  @Test
  void keysAreCreatedListedAndRevokedThroughTheApi() {
    HttpResponse<byte[]> created =
        app.send(
            Http.postJson(
                app.uri("/api/v1/keys"),
                Map.of("name", "photo-importer", "scopes", List.of("upload", "search"))));
    assertThat(created.statusCode()).as(body(created)).isEqualTo(201);
    assertThat(created.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
    JsonNode issued = Http.json(created);
    String key = issued.path("api_key").asText();
    String id = issued.path("key").path("id").asText();
    assertThat(key).startsWith("isk_" + id + "_");
    assertThat(callAs(key, "GET", "/api/v1/tasks").statusCode()).isEqualTo(200);

    HttpResponse<byte[]> listed = app.get("/api/v1/keys");
    assertThat(body(listed)).contains(id).contains("photo-importer").doesNotContain(secret(key));

    HttpResponse<byte[]> revoked = app.send(revokeRequest(id));
    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(Http.json(revoked).path("revoked_at").isNull()).isFalse();
    assertRefused(null, callAs(key, "GET", "/api/v1/tasks"), "revoked");
  }

  @Order(1)
  @Test
  void theKeysCommandManagesKeysOfTheRunningServer() throws Exception {
    EmbeddedProcess.KeysRun created =
        EmbeddedProcess.keys(
            dataDir, "create", "--name", "ci", "--scopes", "search", "--expires-in", "1d");
    assertThat(created.exitCode()).as(created.output()).isZero();
    String key = created.createdKey();
    String id = idOf(key);
    assertThat(callAs(key, "GET", "/api/v1/stats").statusCode()).isEqualTo(200);
    assertThat(callAs(key, "GET", "/api/v1/tasks").statusCode()).isEqualTo(403);

    EmbeddedProcess.KeysRun listed = EmbeddedProcess.keys(dataDir, "list");
    assertThat(listed.exitCode()).as(listed.output()).isZero();
    assertThat(listed.output())
        .containsPattern(Pattern.compile(id + "\\s+active\\s+search\\s.*\\sci$", Pattern.MULTILINE))
        .contains("admin (created at first start)")
        .doesNotContain(secret(key))
        .doesNotContain(secret(app.adminKey()));

    EmbeddedProcess.KeysRun revoked = EmbeddedProcess.keys(dataDir, "revoke", id);
    assertThat(revoked.exitCode()).as(revoked.output()).isZero();
    assertRefused(null, callAs(key, "GET", "/api/v1/stats"), "revoked");

    EmbeddedProcess.KeysRun badScope =
        EmbeddedProcess.keys(dataDir, "create", "--name", "x", "--scopes", "everything");
    assertThat(badScope.exitCode()).isEqualTo(2);
    assertThat(badScope.output()).contains("unknown scope \"everything\"").contains("usage:");

    EmbeddedProcess.KeysRun unknown = EmbeddedProcess.keys(dataDir, "revoke", "0123456789abcdef");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.output()).contains("no API key has id 0123456789abcdef");
  }

  @Order(1)
  @Test
  void theServerListensOnLoopbackOnly() throws IOException {
    List<InetAddress> listening = listeningAddresses(app.port);

    assertThat(listening).as("listening sockets on port %d", app.port).isNotEmpty();
    assertThat(listening).allMatch(InetAddress::isLoopbackAddress);
  }

  @Order(2)
  @Test
  void theFirstStartShowsTheAdminKeyOnceAndLaterStartsNeverReplaceIt() throws Exception {
    Path file = EmbeddedProcess.adminKeyFile(dataDir);
    String key = app.adminKey();
    FileTime written = Files.getLastModifiedTime(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(occurrences(firstStartLog, key)).isEqualTo(1);
    assertThat(firstStartLog)
        .contains("an admin API key was created. It is shown this once")
        .contains("It is also in " + file.toAbsolutePath())
        .contains("Authorization: Bearer");

    app.close();
    app = EmbeddedProcess.serve(dataDir);

    assertThat(app.log()).doesNotContain(key).contains("the first admin key is in " + file);
    assertThat(Files.readString(file).strip()).isEqualTo(key);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);
    assertThat(callAs(key, "GET", "/api/v1/keys").statusCode()).isEqualTo(200);
    JsonNode keys = Http.json(callAs(key, "GET", "/api/v1/keys"));
    long adminKeys = 0;
    for (JsonNode listed : keys) {
      if (listed.path("name").asText().equals("admin (created at first start)")) {
        adminKeys++;
      }
    }
    assertThat(adminKeys).isEqualTo(1);
  }

  private static HttpRequest request(Route route) {
    String path =
        route
            .path()
            .replace("{image}", imageId)
            .replace("{deletable}", deletableId)
            .replace("{task}", taskId);
    byte[] image = HeldoutSet.distinct(1).getFirst().bytes();
    return switch (route.body()) {
      case NONE ->
          HttpRequest.newBuilder(app.uri(path))
              .method(route.method(), HttpRequest.BodyPublishers.noBody())
              .build();
      case IMAGE_AS_FILE -> Http.multipart(app.uri(path), "file", "a.png", "image/png", image);
      case IMAGE_AS_FILES -> Http.multipart(app.uri(path), "files", "a.png", "image/png", image);
      case KEY_REQUEST ->
          Http.postJson(
              app.uri(path), Map.of("name", "made by a test", "scopes", List.of("search")));
    };
  }

  private static HttpResponse<byte[]> callAs(String key, String method, String path) {
    return EmbeddedProcess.sendAs(
        key,
        HttpRequest.newBuilder(app.uri(path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build());
  }

  private static HttpRequest revokeRequest(String id) {
    return HttpRequest.newBuilder(app.uri("/api/v1/keys/" + id)).DELETE().build();
  }

  /** A problem answer; its body, or null for HEAD, whose answers carry none. */
  private static JsonNode assertProblem(
      Route route, HttpResponse<byte[]> answer, int status, String type) {
    assertThat(answer.statusCode()).as(body(answer)).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
    if (route != null && route.method().equals("HEAD")) {
      return null;
    }
    JsonNode problem = Http.json(answer);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("type").asText()).isEqualTo("https://imagesearch.io/problems/" + type);
    assertThat(problem.path("detail").asText()).isNotBlank();
    return problem;
  }

  private static void assertRefused(Route route, HttpResponse<byte[]> answer, String reason) {
    JsonNode problem = assertProblem(route, answer, 401, "api-key-" + reason);
    assertThat(answer.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Bearer realm=\"imagesearch\", error=\"invalid_token\"");
    if (problem != null) {
      assertThat(problem.path("reason").asText()).isEqualTo(reason);
    }
  }

  private static String uploadAsAdmin(HeldoutSet.Example example) {
    HttpResponse<byte[]> accepted =
        app.upload("/api/v1/ingest", "file", "start.png", "image/png", example.bytes());
    assertThat(accepted.statusCode()).as(body(accepted)).isEqualTo(202);
    return Http.json(accepted).path("task_id").asText();
  }

  private static String awaitSuccess(String task) {
    JsonNode[] last = new JsonNode[1];
    Awaitility.await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                (last[0] = Http.json(app.get("/api/v1/ingest/" + task)))
                    .path("status")
                    .asText()
                    .equals("SUCCESS"));
    return last[0].path("result").path("image_id").asText();
  }

  /** Every address a socket listens on at {@code port}, from Linux's /proc/net/tcp and tcp6. */
  private static List<InetAddress> listeningAddresses(int port) throws IOException {
    List<InetAddress> addresses = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) {
        // "sl local_address rem_address st ...": address and port in hex, LISTEN is state 0A.
        String[] fields = line.strip().split("\\s+");
        String[] local = fields[1].split(":");
        if (fields[3].equals("0A") && Integer.parseInt(local[1], 16) == port) {
          addresses.add(kernelAddress(local[0]));
        }
      }
    }
    return addresses;
  }

  /** The kernel prints each 32-bit word of an address in host (little-endian) byte order. */
  private static InetAddress kernelAddress(String hex) throws IOException {
    byte[] words = HexFormat.of().parseHex(hex);
    byte[] address = new byte[words.length];
    for (int word = 0; word < words.length; word += 4) {
      for (int i = 0; i < 4; i++) {
        address[word + i] = words[word + 3 - i];
      }
    }
    return InetAddress.getByAddress(address);
  }

  private static String idOf(String key) {
    return key.split("_")[1];
  }

  private static String secret(String key) {
    return key.split("_")[2];
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }

  private static String body(HttpResponse<byte[]> response) {
    return response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
  }
}
