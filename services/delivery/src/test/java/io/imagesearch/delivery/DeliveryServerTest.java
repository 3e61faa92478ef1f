package io.imagesearch.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.key.Scope;
import io.imagesearch.security.store.SqliteApiKeyStore;
import io.imagesearch.security.web.SecuritySettings;
import io.imagesearch.storage.local.FilesystemObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The delivery port over a real filesystem store and a real SQLite key store, spoken to over TCP.
 */
class DeliveryServerTest {

  private static final byte[] BYTES = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
  private static final ImageId ID = ImageId.of(BYTES);
  private static final String ETAG = "\"" + ID.hex() + "\"";
  private static final String FOREVER = "max-age=31536000, public, immutable";

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private FilesystemObjectStore store;
  private SqliteApiKeyStore keyStore;
  private ApiKeys keys;
  private DeliveryServer server;

  private DeliveryServer start(SecuritySettings security, long maxCachedObjectBytes) {
    return start(security, maxCachedObjectBytes, -1);
  }

  private DeliveryServer start(SecuritySettings security, long maxCachedObjectBytes, int mainPort) {
    store = new FilesystemObjectStore(dir.resolve("objects"));
    store.put(ID.imageKey(), new ByteArrayInputStream(BYTES), BYTES.length, "image/webp");
    store.put(ID.thumbnailKey(), new ByteArrayInputStream(new byte[] {1, 2}), 2, "image/jpeg");
    keyStore = SqliteApiKeyStore.open(dir.resolve("keys.db"));
    keys = new ApiKeys(keyStore, Clock.systemUTC());
    DeliverySettings settings =
        new DeliverySettings(
            0,
            "127.0.0.1",
            10_000_000,
            maxCachedObjectBytes,
            1000,
            Duration.ofSeconds(75),
            Duration.ofSeconds(1),
            4);
    server =
        new DeliveryServer(
            settings, "", store, security, keys, new SimpleMeterRegistry(), () -> mainPort);
    server.start();
    return server;
  }

  private static SecuritySettings publicReads() {
    return new SecuritySettings(
        true, true, "X-Api-Key", List.of(), SecuritySettings.DEFAULT_CSP, null);
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
    if (keyStore != null) {
      keyStore.close();
    }
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    return send("GET", path, headers);
  }

  private HttpResponse<byte[]> send(String method, String path, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  private static String body(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void anImageIsServedWithItsTypeAStrongETagAndCachedForever() throws Exception {
    start(publicReads(), 1_000_000);
    for (int i = 0; i < 2; i++) { // a miss, then a hit
      HttpResponse<byte[]> response = get("/images/" + ID.hex());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(BYTES);
      assertThat(header(response, "Content-Type")).isEqualTo("image/webp");
      assertThat(header(response, "Content-Length")).isEqualTo("20");
      assertThat(header(response, "ETag")).isEqualTo(ETAG);
      assertThat(header(response, "Cache-Control")).isEqualTo(FOREVER);
      assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(header(response, "Accept-Ranges")).isEqualTo("bytes");
      assertThat(header(response, "Date")).isNotBlank();
    }
  }

  @Test
  void headAnswersTheSameHeadersAsGetWithoutTheBytes() throws Exception {
    start(publicReads(), 1_000_000);
    HttpResponse<byte[]> response = send("HEAD", "/images/" + ID.hex());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(header(response, "Content-Length")).isEqualTo("20");
    assertThat(header(response, "ETag")).isEqualTo(ETAG);
  }

  @Test
  void aMatchingIfNoneMatchIs304AndStarIs304OnlyForAStoredImage() throws Exception {
    start(publicReads(), 1_000_000);
    for (String value :
        new String[] {ETAG, "W/" + ETAG, "\"x\", " + ETAG, "*", " * ", "\"x\", *"}) {
      HttpResponse<byte[]> response = get("/images/" + ID.hex(), "If-None-Match", value);
      assertThat(response.statusCode()).as(value).isEqualTo(304);
      assertThat(response.body()).isEmpty();
      assertThat(header(response, "ETag")).isEqualTo(ETAG);
      assertThat(header(response, "Cache-Control")).isEqualTo(FOREVER);
      assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
    }
    assertThat(get("/images/" + ID.hex(), "If-None-Match", "\"x\"").statusCode()).isEqualTo(200);
    String unknown = ImageId.of(new byte[] {1}).hex();
    HttpResponse<byte[]> star = get("/images/" + unknown, "If-None-Match", "*");
    assertThat(star.statusCode()).isEqualTo(404);
    assertThat(body(star)).contains("not-found", unknown);
  }

  @ParameterizedTest
  @CsvSource({"bytes=2-5, 2, 5", "bytes=15-, 15, 19", "bytes=-3, 17, 19", "bytes=15-99, 15, 19"})
  void aRangeIsAnswered206WithItsBytes(String range, int first, int last) throws Exception {
    start(publicReads(), 1_000_000);
    HttpResponse<byte[]> response = get("/images/" + ID.hex(), "Range", range);
    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(header(response, "Content-Range"))
        .isEqualTo("bytes " + first + "-" + last + "/" + BYTES.length);
    assertThat(header(response, "Content-Length")).isEqualTo(Integer.toString(last - first + 1));
    assertThat(header(response, "Content-Type")).isEqualTo("image/webp");
    assertThat(header(response, "ETag")).isEqualTo(ETAG);
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(BYTES, first, last + 1));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"bytes=20-30", "bytes=5-2", "bytes=abc", "bytes=", "bytes=0-1,x", "items=0-1"})
  void aRangeThatCannotBeServedIs416WithAProblemAndNotTheImage(String range) throws Exception {
    start(publicReads(), 1_000_000);
    HttpResponse<byte[]> response = get("/images/" + ID.hex(), "Range", range);
    assertThat(response.statusCode()).isEqualTo(416);
    assertThat(header(response, "Content-Range")).isEqualTo("bytes */" + BYTES.length);
    assertThat(header(response, "Content-Type")).isEqualTo("application/problem+json");
    assertThat(body(response))
        .contains("range-not-satisfiable", "does not fit the 20 bytes of this image")
        .doesNotContain(new String(BYTES, StandardCharsets.US_ASCII));
  }

  @Test
  void malformedUnknownAndTraversingIdsAre404Problems() throws Exception {
    start(publicReads(), 1_000_000);
    String unknown = ImageId.of(new byte[] {1}).hex();
    for (String path :
        new String[] {
          "/images/" + ID.hex().toUpperCase(),
          "/images/" + unknown,
          "/thumbnails/" + unknown,
          "/thumbnails/../../etc/passwd",
          "/images/%2e%2e%2fetc%2fpasswd"
        }) {
      HttpResponse<byte[]> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(header(response, "Content-Type")).isEqualTo("application/problem+json");
      assertThat(body(response)).contains("https://imagesearch.io/problems/not-found");
    }
    assertThat(body(get("/images/" + unknown))).contains(unknown, "64 lowercase hex characters");
  }

  @Test
  void theThumbnailHasItsOwnETagAnd2xFallsBackTo1xWhereThereIsNone() throws Exception {
    start(publicReads(), 1_000_000);
    HttpResponse<byte[]> single = get("/thumbnails/" + ID.hex());
    assertThat(single.statusCode()).isEqualTo(200);
    assertThat(header(single, "ETag")).isEqualTo("\"" + ID.hex() + "-thumb\"");
    assertThat(header(single, "Content-Type")).isEqualTo("image/jpeg");
    HttpResponse<byte[]> fallback = get("/thumbnails/" + ID.hex() + "?size=2x");
    assertThat(fallback.statusCode()).isEqualTo(200);
    assertThat(fallback.body()).isEqualTo(new byte[] {1, 2});
    assertThat(header(fallback, "ETag")).isEqualTo("\"" + ID.hex() + "-thumb\"");

    store.put(
        ID.doubleThumbnailKey(), new ByteArrayInputStream(new byte[] {3, 4, 5}), 3, "image/png");
    HttpResponse<byte[]> doubled = get("/thumbnails/" + ID.hex() + "?size=2x");
    assertThat(doubled.body()).isEqualTo(new byte[] {3, 4, 5});
    assertThat(header(doubled, "ETag")).isEqualTo("\"" + ID.hex() + "-thumb2x\"");
    assertThat(
            get("/thumbnails/" + ID.hex() + "?size=2x", "If-None-Match", header(doubled, "ETag"))
                .statusCode())
        .isEqualTo(304);

    HttpResponse<byte[]> bad = get("/thumbnails/" + ID.hex() + "?size=3x");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(body(bad)).contains("size must be 1x or 2x");
  }

  @Test
  void theApplicationsOwnPagesMayFetchWithTheirKeyAndNoOtherPageMay() throws Exception {
    SecuritySettings security =
        new SecuritySettings(
            true,
            false,
            "X-Api-Key",
            List.of("https://photos.example.org"),
            SecuritySettings.DEFAULT_CSP,
            null);
    start(security, 1_000_000, 8080);
    String path = "/thumbnails/" + ID.hex();
    String own = "http://127.0.0.1:8080"; // the main port's pages on the host this request names
    String reader =
        keys.create("reader", Set.of(Scope.SEARCH), Instant.now().plus(Duration.ofDays(1))).value();

    HttpResponse<byte[]> preflight =
        send(
            "OPTIONS",
            path,
            "Origin",
            own,
            "Access-Control-Request-Method",
            "GET",
            "Access-Control-Request-Headers",
            "x-api-key");
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo(own);
    assertThat(header(preflight, "Access-Control-Allow-Headers"))
        .isEqualTo("Authorization, X-Api-Key");
    assertThat(header(preflight, "Access-Control-Allow-Methods")).isEqualTo("GET, HEAD");
    assertThat(header(preflight, "Access-Control-Max-Age")).isEqualTo("600");
    assertThat(header(preflight, "Access-Control-Allow-Credentials")).isNull();

    HttpResponse<byte[]> image = get(path, "Origin", own, "X-Api-Key", reader);
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.body()).containsExactly(1, 2);
    assertThat(header(image, "Access-Control-Allow-Origin")).isEqualTo(own);
    assertThat(header(image, "Vary")).isEqualTo("Origin");
    // A refusal is readable by the page too, so the web UI can say why.
    HttpResponse<byte[]> noKey = get(path, "Origin", own);
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(header(noKey, "Access-Control-Allow-Origin")).isEqualTo(own);
    assertThat(
            header(
                get(path, "Origin", "https://photos.example.org"), "Access-Control-Allow-Origin"))
        .isEqualTo("https://photos.example.org");

    // Another site, or another port of the same host, gets no grant.
    for (String foreign : List.of("https://evil.example", "http://127.0.0.1:9999", "null")) {
      HttpResponse<byte[]> refused =
          send("OPTIONS", path, "Origin", foreign, "Access-Control-Request-Method", "GET");
      assertThat(refused.statusCode()).as(foreign).isEqualTo(403);
      assertThat(body(refused)).contains("cors-origin-refused");
      assertThat(header(refused, "Access-Control-Allow-Origin")).as(foreign).isNull();
      HttpResponse<byte[]> read = get(path, "Origin", foreign, "X-Api-Key", reader);
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(header(read, "Access-Control-Allow-Origin")).as(foreign).isNull();
      assertThat(header(read, "Vary")).isEqualTo("Origin");
    }
    // Without a main port (the cdn's delivery port seen from elsewhere), only configured origins.
    server.stop();
    keyStore.close();
    start(security, 1_000_000, -1);
    assertThat(
            send("OPTIONS", path, "Origin", own, "Access-Control-Request-Method", "GET")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void anImageWithoutOriginStillSaysItVariesByOrigin() throws Exception {
    start(publicReads(), 1_000_000, 8080);
    HttpResponse<byte[]> response = get("/images/" + ID.hex());
    assertThat(response.statusCode()).isEqualTo(200);
    // A browser's cache must not hand this answer, without a grant, to a page's fetch.
    assertThat(header(response, "Vary")).isEqualTo("Origin");
    assertThat(header(response, "Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void aTakenPortFailsTheStartWithWhatToDo() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      store = new FilesystemObjectStore(dir.resolve("objects"));
      DeliverySettings settings =
          new DeliverySettings(
              taken.getLocalPort(),
              "127.0.0.1",
              1_000_000,
              1_000_000,
              1000,
              Duration.ofSeconds(75),
              Duration.ofSeconds(1),
              1);
      DeliveryServer occupied =
          new DeliveryServer(settings, "", store, publicReads(), null, new SimpleMeterRegistry());
      org.assertj.core.api.Assertions.assertThatThrownBy(occupied::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(String.valueOf(taken.getLocalPort()))
          .hasMessageContaining("imagesearch.delivery.port")
          .hasMessageContaining("-1 to turn it off");
      occupied.stop();
    }
  }

  @Test
  void otherMethodsAre405() throws Exception {
    start(publicReads(), 1_000_000);
    HttpResponse<byte[]> response = send("DELETE", "/images/" + ID.hex());
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(header(response, "Allow")).isEqualTo("GET, HEAD");
  }

  @Test
  void protectedReadsNeedAKeyWithTheSearchScopeAndAreCachedPrivately() throws Exception {
    start(SecuritySettings.defaults(), 1_000_000);
    String path = "/images/" + ID.hex();
    String reader =
        keys.create("reader", Set.of(Scope.SEARCH), Instant.now().plus(Duration.ofDays(1))).value();
    String uploader =
        keys.create("uploader", Set.of(Scope.UPLOAD), Instant.now().plus(Duration.ofDays(1)))
            .value();

    HttpResponse<byte[]> anonymous = get(path);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(header(anonymous, "WWW-Authenticate")).contains("scope=\"search\"");
    assertThat(body(anonymous)).contains("api-key-missing").doesNotContain("0123456789");

    HttpResponse<byte[]> bearer = get(path, "Authorization", "Bearer " + reader);
    assertThat(bearer.statusCode()).isEqualTo(200);
    assertThat(bearer.body()).isEqualTo(BYTES);
    assertThat(header(bearer, "Cache-Control")).isEqualTo("max-age=31536000, private, immutable");
    assertThat(get(path, "X-Api-Key", reader).statusCode()).isEqualTo(200);

    HttpResponse<byte[]> wrongScope = get(path, "Authorization", "Bearer " + uploader);
    assertThat(wrongScope.statusCode()).isEqualTo(403);
    assertThat(body(wrongScope)).contains("api-key-scope", "uploader");

    HttpResponse<byte[]> unknown =
        get(path, "Authorization", "Bearer isk_0000000000000000_" + "0".repeat(64));
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(body(unknown)).contains("api-key-unknown");
    // A 304 needs the key too.
    assertThat(get(path, "If-None-Match", ETAG).statusCode()).isEqualTo(401);
  }

  @Test
  void anAddressWithTooManyFailedKeysGets429BeforeItsKeyIsLookedAt() throws Exception {
    start(SecuritySettings.defaults(), 1_000_000);
    String reader =
        keys.create("reader", Set.of(Scope.SEARCH), Instant.now().plus(Duration.ofDays(1))).value();
    String path = "/images/" + ID.hex();
    String bad = "Bearer isk_0000000000000000_" + "0".repeat(64);
    for (int i = 0; i < 10; i++) { // the default limit: 10 failures a minute
      assertThat(get(path, "Authorization", bad).statusCode()).isEqualTo(401);
    }
    HttpResponse<byte[]> blocked = get(path, "Authorization", "Bearer " + reader);
    assertThat(blocked.statusCode()).isEqualTo(429);
    assertThat(header(blocked, "Retry-After")).isNotBlank();
    assertThat(body(blocked)).contains("authentication-failures");
  }

  @Test
  void publicReadsStillRefuseABadKey() throws Exception {
    start(publicReads(), 1_000_000);
    HttpResponse<byte[]> response =
        get("/images/" + ID.hex(), "X-Api-Key", "isk_0000000000000000_" + "0".repeat(64));
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void aConnectionServesManyRequestsThenClosesAtTheLimit() throws Exception {
    start(publicReads(), 1_000_000);
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      String request = "GET /images/" + ID.hex() + " HTTP/1.1\r\nHost: x\r\n\r\n";
      for (int i = 0; i < 3; i++) {
        out.write(request.getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
      String answers = readUntilBytes(in, 3);
      assertThat(answers).doesNotContain("Connection: close");
    }
  }

  /** Reads until {@code count} complete 200 answers of BYTES arrived (pipelined, in order). */
  private static String readUntilBytes(InputStream in, int count) throws Exception {
    StringBuilder seen = new StringBuilder();
    String body = new String(BYTES, StandardCharsets.US_ASCII);
    byte[] buffer = new byte[4096];
    while (seen.toString().split(body, -1).length - 1 < count) {
      int n = in.read(buffer);
      if (n < 0) {
        break;
      }
      seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
    }
    return seen.toString();
  }

  @Test
  void aClientThatGoesAwayMidBodyIsNoErrorAndTheServerGoesOn() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      // One object in the cache and one too large for it, streamed from the store.
      start(publicReads(), 3_000_000);
      byte[] cached = new byte[2_000_000];
      byte[] streamed = new byte[8_000_000];
      new Random(1).nextBytes(cached);
      new Random(2).nextBytes(streamed);
      ImageId cachedId = ImageId.of(cached);
      ImageId streamedId = ImageId.of(streamed);
      store.put(cachedId.imageKey(), new ByteArrayInputStream(cached), cached.length, "image/jpeg");
      store.put(
          streamedId.imageKey(), new ByteArrayInputStream(streamed), streamed.length, "image/jpeg");
      for (ImageId id : List.of(cachedId, streamedId)) {
        for (int i = 0; i < 5; i++) {
          try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setReceiveBufferSize(4096);
            socket
                .getOutputStream()
                .write(
                    ("GET /images/" + id.hex() + " HTTP/1.1\r\nHost: x\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            assertThat(socket.getInputStream().readNBytes(1000)).hasSize(1000);
            socket.setSoLinger(true, 0); // a reset, like a browser tab that was closed
          }
        }
        HttpResponse<byte[]> after = get("/images/" + id.hex());
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).hasSize(id == cachedId ? cached.length : streamed.length);
      }
    } finally {
      root.detachAppender(logs);
    }
    assertThat(logs.list)
        .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
        .isEmpty();
  }
}
