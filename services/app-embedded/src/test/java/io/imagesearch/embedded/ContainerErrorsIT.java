package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagesearch.testsupport.HostileImages;
import io.imagesearch.testsupport.RawHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the servlet container refuses, sent byte for byte to the embedded app as users run it: each
 * request is answered with application/problem+json, the status its cause deserves and a detail
 * that says what to fix, never Tomcat's HTML page or a 500; the server answers after each, and its
 * log holds no stack trace of a client's error. The limits the API documents are accepted up to the
 * last.
 */
class ContainerErrorsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROBLEMS = "https://imagesearch.io/problems/";
  private static final int MAX_FILE_BYTES = 1024 * 1024;
  private static final byte[] PNG = HostileImages.ordinary("png");

  private static EmbeddedProcess app;
  private static RawHttp http;
  private static String imageId;
  private static int logMark;

  @BeforeAll
  static void start() throws IOException {
    app =
        EmbeddedProcess.serve(
            Files.createTempDirectory("embedded-container-errors-"),
            "--spring.servlet.multipart.max-file-size=" + MAX_FILE_BYTES + "B");
    http = new RawHttp(app.port);
    imageId = ingested(upload("/api/v1/ingest", "file", List.of(PNG), List.of()));
    logMark = app.log().length();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  /**
   * The headers every request of this test sends: the admin key, so only the refusal under test
   * answers.
   */
  static List<String> clientHeaders() {
    return List.of("Authorization: Bearer " + app.adminKey());
  }

  @AfterEach
  void serverStillAnswersAndLogsNoStackTrace() {
    assertThat(get("/actuator/health").status()).as(app.log()).isEqualTo(200);
    String log = app.log().substring(logMark);
    assertThat(log).doesNotContain("\tat ").doesNotContain(" ERROR ");
  }

  /** A request and the problem it must get. */
  record Refused(
      String name, Supplier<RawHttp.Response> send, int status, String type, String detail) {
    @Override
    public String toString() {
      return name + " -> " + status + " " + type;
    }
  }

  static Stream<Refused> refused() {
    String manyParameters =
        IntStream.range(0, 1001).mapToObj(i -> "p" + i + "=" + i).collect(Collectors.joining("&"));
    List<byte[]> files121 = Collections.nCopies(121, PNG);
    List<byte[]> files101 = Collections.nCopies(101, PNG);
    return Stream.of(
        new Refused(
            "malformed percent-encoding in the query",
            () -> get("/api/v1/search?text=%zz"),
            400,
            "invalid-encoding",
            "not valid percent-encoded UTF-8"),
        new Refused(
            "a truncated percent-escape",
            () -> get("/api/v1/search?text=cat%"),
            400,
            "invalid-encoding",
            "write '%' as %25"),
        new Refused(
            "an overlong UTF-8 sequence",
            () -> get("/api/v1/search?text=%C0%AF"),
            400,
            "invalid-encoding",
            "not valid percent-encoded UTF-8"),
        new Refused(
            "a parameter without a name",
            () -> get("/api/v1/search?=x&text=cat"),
            400,
            "invalid-parameter",
            "no name"),
        new Refused(
            "1001 query parameters",
            () -> get("/api/v1/search?text=cat&" + manyParameters),
            400,
            "too-many-parameters",
            "more than 1000 query or form parameters"),
        new Refused(
            "1001 form fields",
            () ->
                send(
                    "POST",
                    "/api/v1/ingest",
                    List.of("Content-Type: application/x-www-form-urlencoded"),
                    manyParameters.getBytes(StandardCharsets.US_ASCII)),
            400,
            "too-many-parameters",
            "send at most 1000"),
        new Refused(
            "malformed percent-encoding in the path",
            () -> get("/api/v1/images/%zz"),
            400,
            "bad-request",
            "Invalid URI"),
        new Refused(
            "an encoded slash in the path",
            () -> get("/images/..%2F..%2Fetc%2Fpasswd"),
            400,
            "bad-request",
            "encoded slash"),
        new Refused(
            "'..' above the root", () -> get("/../etc/passwd"), 400, "bad-request", "Invalid URI"),
        new Refused("a NUL in the path", () -> get("/images/%00"), 400, "bad-request", "Invalid"),
        new Refused(
            "'<' unencoded in the query",
            () -> get("/api/v1/search?text=<script>"),
            400,
            "bad-request",
            "Invalid character found in the request target"),
        new Refused(
            "'|' in the path",
            () -> get("/api/v1/sea|rch"),
            400,
            "bad-request",
            "percent-encode reserved and non-ASCII characters"),
        new Refused(
            "raw UTF-8 bytes in the request line",
            () ->
                get(new String("/api/v1/search?text=café".getBytes(), StandardCharsets.ISO_8859_1)),
            400,
            "bad-request",
            "Invalid character found in the request target"),
        new Refused(
            "a request line that is not HTTP",
            () -> http.exchange("GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
            400,
            "bad-request",
            "Invalid character found in method name"),
        new Refused(
            "a header line without a colon",
            () -> send("GET", "/api/v1/stats", List.of("Bad Header"), new byte[0]),
            400,
            "bad-request",
            "does not conform"),
        new Refused(
            "headers above the size limit",
            () ->
                send("GET", "/api/v1/stats", List.of("X-Big: " + "a".repeat(70_000)), new byte[0]),
            400,
            "bad-request",
            "send a shorter request line and fewer or shorter headers"),
        new Refused(
            "an unknown route",
            () -> get("/api/v1/nothing-here"),
            404,
            "not-found",
            "no such route: /api/v1/nothing-here"),
        new Refused(
            "DELETE of the web UI's page",
            () -> send("DELETE", "/", List.of(), new byte[0]),
            405,
            "method-not-allowed",
            "use [GET, HEAD]"),
        new Refused(
            "TRACE, which Tomcat refuses itself",
            () -> send("TRACE", "/", List.of(), new byte[0]),
            405,
            "method-not-allowed",
            "the Allow header lists"),
        new Refused(
            "PUT on the upload route",
            () -> send("PUT", "/api/v1/ingest", List.of(), new byte[0]),
            405,
            "method-not-allowed",
            "use [POST] on this route, not PUT"),
        new Refused(
            "an Accept header the route cannot answer",
            () -> send("GET", "/api/v1/stats", List.of("Accept: image/png"), new byte[0]),
            406,
            "not-acceptable",
            "send an Accept header that allows one of them"),
        new Refused(
            "a text body to the search-by-image route",
            () ->
                send(
                    "POST",
                    "/api/v1/search/by-image",
                    List.of("Content-Type: text/plain"),
                    "a cat".getBytes(StandardCharsets.US_ASCII)),
            415,
            "unsupported-body",
            "this route takes [multipart/form-data], not text/plain"),
        new Refused(
            "121 multipart parts",
            () -> upload("/api/v1/images", "files", files121, List.of()),
            413,
            "too-many-parts",
            "more than 120 parts: send at most 100 files per request"),
        new Refused(
            "101 files in 101 parts",
            () -> upload("/api/v1/images", "files", files101, List.of()),
            400,
            "invalid-request",
            "at most 100 files per request, got 101"),
        new Refused(
            "a file above the limit per file",
            () ->
                upload("/api/v1/ingest", "file", List.of(new byte[MAX_FILE_BYTES + 1]), List.of()),
            413,
            "upload-too-large",
            "larger than " + MAX_FILE_BYTES + " bytes, the limit per file"),
        new Refused(
            "a range past the end of the image",
            () -> send("GET", "/images/" + imageId, List.of("Range: bytes=99999999-"), new byte[0]),
            416,
            "range-not-satisfiable",
            "bytes of this image"),
        new Refused(
            "a malformed range",
            () -> send("GET", "/images/" + imageId, List.of("Range: bytes=abc"), new byte[0]),
            416,
            "range-not-satisfiable",
            "ask for bytes=first-last"),
        new Refused(
            "one more similar image than the largest page",
            () -> get("/api/v1/images/" + imageId + "/similar?limit=201"),
            400,
            "invalid-request",
            "limit must be between 1 and 200, got 201"),
        new Refused(
            "a tag with a control character",
            () -> get("/api/v1/search?text=cat&tag=a%01b"),
            400,
            "invalid-request",
            "is not allowed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void eachIsAProblemWithTheStatusItsCauseDeserves(Refused refused) {
    RawHttp.Response response = refused.send().get();

    assertThat(response.status()).as(response.text()).isEqualTo(refused.status());
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = json(response);
    assertThat(problem.path("status").asInt()).isEqualTo(refused.status());
    assertThat(problem.path("type").asText()).isEqualTo(PROBLEMS + refused.type());
    assertThat(problem.path("detail").asText()).contains(refused.detail());
  }

  @Test
  void aMethodNotAllowedNamesTheAllowedOnes() {
    assertThat(send("PUT", "/api/v1/ingest", List.of(), new byte[0]).header("Allow"))
        .isEqualTo("POST");
    assertThat(send("DELETE", "/", List.of(), new byte[0]).header("Allow")).contains("GET");
    assertThat(send("TRACE", "/", List.of(), new byte[0]).header("Allow")).contains("GET");
  }

  @Test
  void anUnsatisfiableRangeCarriesTheLengthAndNotTheImage() {
    RawHttp.Response response =
        send("GET", "/images/" + imageId, List.of("Range: bytes=99999999-"), new byte[0]);

    assertThat(response.header("Content-Range")).isEqualTo("bytes */" + PNG.length);
    assertThat(response.body().length).isLessThan(PNG.length);
    assertThat(response.text()).doesNotContain("PNG");
  }

  @Test
  void ifNoneMatchAnyOfAStoredImageIs304WithTheHeadersOf200() {
    RawHttp.Response ok = get("/images/" + imageId);
    RawHttp.Response notModified =
        send("GET", "/images/" + imageId, List.of("If-None-Match: *"), new byte[0]);

    assertThat(ok.status()).isEqualTo(200);
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    for (String header : List.of("ETag", "Cache-Control", "X-Content-Type-Options")) {
      assertThat(notModified.header(header)).as(header).isNotNull().isEqualTo(ok.header(header));
    }
  }

  @Test
  void theLimitsTheApiDocumentsAreAcceptedUpToTheLast() {
    List<String> twentyTags = IntStream.range(0, 20).mapToObj(i -> "t" + i).toList();
    RawHttp.Response batch =
        upload("/api/v1/images", "files", Collections.nCopies(100, PNG), twentyTags);
    assertThat(batch.status()).as(batch.text()).isEqualTo(202);
    assertThat(json(batch).path("accepted")).hasSize(100);

    RawHttp.Response page = get("/api/v1/images/" + imageId + "/similar?limit=200");
    assertThat(page.status()).as(page.text()).isEqualTo(200);

    RawHttp.Response query = get("/api/v1/search?text=" + encode("a".repeat(1000)) + "&limit=200");
    assertThat(query.status()).as(query.text()).isEqualTo(200);
  }

  /** The documentation states the limits the server enforces: the last value in, the next out. */
  @Test
  void theApiDocumentationStatesTheLimitsTheServerEnforces() {
    JsonNode api = json(get("/v3/api-docs"));

    assertThat(api.path("info").path("description").asText())
        .contains("at most 100 files per request, each at most " + MAX_FILE_BYTES + " bytes")
        .contains("120 multipart parts")
        .contains("at most 1000 query or form parameters");
    for (String parameter : List.of("limit", "offset")) {
      int max = documentedMaximum(api, "/api/v1/search", parameter);
      String search = "/api/v1/search?text=cat&" + parameter + "=";

      RawHttp.Response last = get(search + max);
      assertThat(last.status()).as(parameter + "=" + max + ": " + last.text()).isEqualTo(200);
      RawHttp.Response next = get(search + (max + 1));
      assertThat(next.status()).isEqualTo(400);
      assertThat(json(next).path("detail").asText())
          .contains(parameter + " must be between")
          .contains(" and " + max + ", got " + (max + 1));
    }
  }

  private static int documentedMaximum(JsonNode api, String path, String parameter) {
    for (JsonNode documented : api.path("paths").path(path).path("get").path("parameters")) {
      if (documented.path("name").asText().equals(parameter)) {
        return documented.path("schema").path("maximum").asInt();
      }
    }
    throw new AssertionError(parameter + " of " + path + " is not documented");
  }

  @Test
  void tagsInOtherScriptsAreStoredComposedAndFound() {
    byte[] other = HostileImages.ordinary("bmp");
    String id =
        ingested(
            upload(
                "/api/v1/images",
                "files",
                List.of(other),
                List.of("İstanbul", "हिंदी", "cafe\u0301")));

    JsonNode image = json(get("/api/v1/images/" + id));
    List<String> tags = new ArrayList<>();
    image.path("tags").forEach(tag -> tags.add(tag.asText()));
    assertThat(tags).containsExactlyInAnyOrder("i\u0307stanbul", "हिंदी", "caf\u00e9");

    for (String tag : List.of("İstanbul", "हिंदी", "café", "cafe\u0301")) {
      RawHttp.Response found = get("/api/v1/search?text=anything&tag=" + encode(tag));
      assertThat(found.status()).as(found.text()).isEqualTo(200);
      assertThat(json(found).findValuesAsText("id")).as(tag).contains(id);
    }
  }

  private static RawHttp.Response get(String target) {
    return send("GET", target, List.of(), new byte[0]);
  }

  private static RawHttp.Response send(
      String method, String target, List<String> headers, byte[] body) {
    List<String> all = new ArrayList<>(clientHeaders());
    all.addAll(headers);
    return http.send(method + " " + target + " HTTP/1.1", all, body);
  }

  private static RawHttp.Response upload(
      String path, String fileField, List<byte[]> files, List<String> tags) {
    RawHttp.Multipart body = RawHttp.Multipart.of(fileField, files, "tags", tags);
    return send("POST", path, List.of(body.contentType()), body.body());
  }

  /** The image id of an accepted upload, once its task succeeded. */
  private static String ingested(RawHttp.Response accepted) {
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    JsonNode body = json(accepted);
    String taskId =
        body.has("task_id")
            ? body.path("task_id").asText()
            : body.path("accepted").get(0).path("task_id").asText();
    JsonNode[] task = new JsonNode[1];
    Awaitility.await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                !(task[0] = json(get("/api/v1/tasks/" + taskId)))
                    .path("status")
                    .asText()
                    .matches("PENDING|STARTED"));
    assertThat(task[0].path("status").asText()).as(task[0].toString()).isEqualTo("SUCCESS");
    return task[0].path("image_id").asText();
  }

  private static JsonNode json(RawHttp.Response response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(response.status() + " " + response.text(), e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
