package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.security.key.Scope;
import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.HostileImages;
import io.imagesearch.testsupport.Http;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rate limits, upload quotas and the disk-free floor of the packaged app (docs/SECURITY.md, "Rate
 * limits and quotas"), with limits low enough to reach: per key 2 searches and 5 uploaded files,
 * per address 1 anonymous search, each refilled at one every 2 seconds; public reads on.
 */
class RateLimitsAndQuotasIT {

  private static final String LIMIT = "--imagesearch.security.rate-limit.";

  private static EmbeddedProcess app;
  private static List<byte[]> images;

  @BeforeAll
  static void start() throws Exception {
    app =
        EmbeddedProcess.serve(
            Files.createTempDirectory("embedded-limits-"),
            "--imagesearch.security.public-reads=true",
            LIMIT + "search-per-key.rate=1",
            LIMIT + "search-per-key.period=2s",
            LIMIT + "search-per-key.burst=2",
            LIMIT + "search-per-address.rate=1",
            LIMIT + "search-per-address.period=2s",
            LIMIT + "search-per-address.burst=1",
            LIMIT + "upload-per-key.rate=1",
            LIMIT + "upload-per-key.period=2s",
            LIMIT + "upload-per-key.burst=5");
    images = HeldoutSet.distinct(4).stream().map(HeldoutSet.Example::bytes).toList();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aKeyOverItsSearchRateGets429WithRetryAfterAndSucceedsOnceItWaited() throws Exception {
    String key = app.createKey(Scope.SEARCH);
    HttpResponse<byte[]> first = search(key);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("RateLimit-Limit")).contains("2");
    search(key);

    HttpResponse<byte[]> refused = search(key);

    assertProblem(refused, 429, "rate-limited", "too many searches with this API key");
    long wait = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(wait).isBetween(1L, 2L);
    assertThat(refused.headers().firstValue("RateLimit-Remaining")).contains("0");
    Thread.sleep(wait * 1000);
    assertThat(search(key).statusCode()).isEqualTo(200);
  }

  @Test
  void anonymousPublicSearchesAreLimitedPerAddress() {
    assertThat(search(null).statusCode()).isEqualTo(200);

    HttpResponse<byte[]> refused = search(null);

    assertProblem(refused, 429, "rate-limited", "from this address without an API key");
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void theAdminKeyIsNotLimited() {
    for (int i = 0; i < 10; i++) {
      HttpResponse<byte[]> answer = search(app.adminKey());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.headers().firstValue("RateLimit-Remaining")).isEmpty();
    }
  }

  @Test
  void uploadsCountTheirFilesAgainstTheKeysRate() {
    String key = app.createKey(Scope.UPLOAD);
    HttpResponse<byte[]> three = uploadAs(key, images.subList(0, 3));
    assertThat(three.statusCode()).as(body(three)).isEqualTo(202);
    assertThat(three.headers().firstValue("RateLimit-Remaining")).contains("2");

    HttpResponse<byte[]> refused = uploadAs(key, images.subList(0, 3));

    assertProblem(refused, 429, "rate-limited", "too many uploaded files with this API key");
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void aKeysImageQuotaRefusesTheFilesThatDoNotFitUntilADeleteFreesRoom() {
    String key = createKey("two images", Map.of("max_images", 2), Scope.UPLOAD, Scope.DELETE);

    HttpResponse<byte[]> batch = uploadAs(key, images.subList(0, 3));

    assertThat(batch.statusCode()).as(body(batch)).isEqualTo(202);
    JsonNode result = Http.json(batch);
    assertThat(result.path("accepted")).hasSize(2);
    JsonNode rejected = result.path("rejected").get(0);
    assertThat(rejected.path("file_name").asText()).isEqualTo("image-2.png");
    assertThat(rejected.path("status").asInt()).isEqualTo(429);
    assertThat(rejected.path("detail").asText())
        .contains("past its quota of 2 images (max_images)");
    HttpResponse<byte[]> single = uploadOneAs(key, images.get(2));
    assertProblem(single, 429, "quota-exceeded", "max_images");
    assertThat(Http.json(single).path("quota").asText()).isEqualTo("max_images");
    assertThat(usedImages("two images")).isEqualTo(2);

    String deleted = result.path("accepted").get(0).path("image_id").asText();
    HttpResponse<byte[]> delete =
        EmbeddedProcess.sendAs(
            key, HttpRequest.newBuilder(app.uri("/api/v1/images/" + deleted)).DELETE().build());
    assertThat(delete.statusCode()).isEqualTo(204);

    assertThat(usedImages("two images")).isEqualTo(1);
    assertThat(uploadOneAs(key, images.get(2)).statusCode()).isEqualTo(202);
  }

  @Test
  void aKeysByteQuotaRefusesAnImageLargerThanWhatIsLeft() {
    byte[] image = images.get(3);
    String key = createKey("few bytes", Map.of("max_bytes", image.length - 1), Scope.UPLOAD);

    HttpResponse<byte[]> refused = uploadOneAs(key, image);

    assertProblem(refused, 429, "quota-exceeded", "(max_bytes)");
  }

  @Test
  void anImageCarryingAPayloadLargerThanItselfIsRefused() {
    byte[] image = HostileImages.ordinary("png");
    byte[] payload = new byte[image.length + 100_000];
    Arrays.fill(payload, (byte) 'x');

    HttpResponse<byte[]> refused =
        app.upload("/api/v1/ingest", "file", "hosting.png", "image/png", concat(image, payload));

    assertProblem(refused, 422, "image-trailing_data", "after the end of its image");
  }

  @Test
  void belowTheDiskFloorUploadsAre507AndReadsStillWork() throws Exception {
    try (EmbeddedProcess full =
        EmbeddedProcess.serve(
            Files.createTempDirectory("embedded-disk-floor-"),
            "--imagesearch.storage.min-free-disk=1000000TB")) {
      HttpResponse<byte[]> refused =
          full.upload("/api/v1/ingest", "file", "a.png", "image/png", images.get(0));

      assertProblem(refused, 507, "insufficient-storage", "imagesearch.storage.min-free-disk");
      HttpResponse<byte[]> anonymous =
          EmbeddedProcess.sendAs(
              null,
              Http.multipart(
                  full.uri("/api/v1/ingest"), "file", "a.png", "image/png", images.get(0)));
      assertThat(anonymous.statusCode())
          .as("no key: refused before the disk is checked")
          .isEqualTo(401);
      assertThat(full.get("/api/v1/search?text=circle").statusCode()).isEqualTo(200);
      assertThat(full.getJson("/api/v1/tasks").size()).isZero();
    }
  }

  private static HttpResponse<byte[]> search(String key) {
    return EmbeddedProcess.sendAs(
        key, HttpRequest.newBuilder(app.uri("/api/v1/search?text=circle")).GET().build());
  }

  private static HttpResponse<byte[]> uploadAs(String key, List<byte[]> files) {
    List<Http.FilePart> parts =
        Stream.iterate(0, i -> i + 1)
            .limit(files.size())
            .map(i -> new Http.FilePart("image-" + i + ".png", "image/png", files.get(i)))
            .toList();
    return EmbeddedProcess.sendAs(key, Http.multipart(app.uri("/api/v1/images"), "files", parts));
  }

  private static HttpResponse<byte[]> uploadOneAs(String key, byte[] image) {
    return EmbeddedProcess.sendAs(
        key, Http.multipart(app.uri("/api/v1/ingest"), "file", "one.png", "image/png", image));
  }

  /** A key with {@code quota} fields ({@code max_images}, {@code max_bytes}) in its request. */
  private static String createKey(String name, Map<String, Object> quota, Scope... scopes) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("scopes", Arrays.stream(scopes).map(Scope::wireName).toList());
    body.putAll(quota);
    HttpResponse<byte[]> created = app.send(Http.postJson(app.uri("/api/v1/keys"), body));
    assertThat(created.statusCode()).as(body(created)).isEqualTo(201);
    return Http.json(created).path("api_key").asText();
  }

  private static long usedImages(String name) {
    for (JsonNode key : app.getJson("/api/v1/keys")) {
      if (key.path("name").asText().equals(name)) {
        return key.path("used_images").asLong();
      }
    }
    throw new IllegalStateException("no key named " + name);
  }

  private static void assertProblem(
      HttpResponse<byte[]> response, int status, String type, String detailPart) {
    assertThat(response.statusCode()).as(body(response)).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonNode problem = Http.json(response);
    assertThat(problem.path("type").asText()).isEqualTo("https://imagesearch.io/problems/" + type);
    assertThat(problem.path("detail").asText()).contains(detailPart);
  }

  private static String body(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] all = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }
}
