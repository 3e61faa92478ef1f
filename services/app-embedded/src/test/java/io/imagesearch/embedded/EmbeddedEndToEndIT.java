package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.Http;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged app over HTTP, through the original routes, as the original demo's page uses them.
 */
class EmbeddedEndToEndIT {

  private static EmbeddedProcess app;
  private static final Map<String, String> idByCaption = new LinkedHashMap<>();

  @BeforeAll
  static void startAndUpload() throws Exception {
    app = EmbeddedProcess.serve(Files.createTempDirectory("embedded-e2e-"));
    for (HeldoutSet.Example example : HeldoutSet.distinct(6)) {
      HttpResponse<byte[]> accepted =
          app.upload(
              "/api/v1/ingest",
              "file",
              example.file().getFileName().toString(),
              "application/octet-stream",
              example.bytes());
      assertThat(accepted.statusCode()).as(app.log()).isEqualTo(202);
      String taskId = Http.json(accepted).path("task_id").asText();

      JsonNode done = awaitFinished(taskId);
      assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCESS");
      assertThat(done.path("error").isNull()).isTrue();
      idByCaption.put(example.caption(), done.path("result").path("image_id").asText());
    }
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static JsonNode awaitFinished(String taskId) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              last[0] = Http.json(app.get("/api/v1/ingest/" + taskId));
              String status = last[0].path("status").asText();
              return status.equals("SUCCESS") || status.equals("FAILURE");
            });
    return last[0];
  }

  @Test
  void searchingACaptionReturnsItsImageFirstAsAnArrayOfIds() {
    for (Map.Entry<String, String> entry : idByCaption.entrySet()) {
      HttpResponse<byte[]> response =
          app.get(
              "/api/v1/image/search?text="
                  + URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8));

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode ids = Http.json(response);
      assertThat(ids.isArray()).isTrue();
      assertThat(ids.get(0).isTextual()).isTrue();
      assertThat(ids.get(0).asText())
          .as("best match for \"%s\"", entry.getKey())
          .isEqualTo(entry.getValue());
    }
  }

  @Test
  void imageBytesComeWithCachingHeadersConditionalAndRangeSupport() throws Exception {
    HeldoutSet.Example example = HeldoutSet.distinct(1).getFirst();
    String id = idByCaption.get(example.caption());
    byte[] original = Files.readAllBytes(example.file());

    HttpResponse<byte[]> full = app.get("/images/" + id);
    assertThat(full.statusCode()).isEqualTo(200);
    assertThat(full.body()).isEqualTo(original);
    assertThat(full.headers().firstValue("Content-Type")).contains("image/png");
    assertThat(full.headers().firstValue("Content-Length"))
        .contains(String.valueOf(original.length));
    assertThat(full.headers().firstValue("ETag")).contains("\"" + id + "\"");
    // Private: the bytes needed a key, so no shared cache may keep them for others.
    assertThat(full.headers().firstValue("Cache-Control").orElseThrow())
        .contains("max-age=31536000")
        .contains("private")
        .doesNotContain("public")
        .contains("immutable");
    assertThat(full.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

    HttpResponse<byte[]> notModified =
        app.send(
            HttpRequest.newBuilder(app.uri("/images/" + id))
                .header("If-None-Match", "\"" + id + "\"")
                .build());
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();

    HttpResponse<byte[]> range =
        app.send(
            HttpRequest.newBuilder(app.uri("/images/" + id)).header("Range", "bytes=0-9").build());
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.body()).isEqualTo(java.util.Arrays.copyOf(original, 10));
    assertThat(range.headers().firstValue("Content-Range"))
        .contains("bytes 0-9/" + original.length);

    HttpResponse<byte[]> head =
        app.send(
            HttpRequest.newBuilder(app.uri("/images/" + id))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("Content-Length"))
        .contains(String.valueOf(original.length));

    HttpResponse<byte[]> thumbnail = app.get("/thumbnails/" + id);
    assertThat(thumbnail.statusCode()).isEqualTo(200);
    // A PNG's thumbnail stays lossless: JPEG would ring around its flat colours.
    assertThat(thumbnail.headers().firstValue("Content-Type")).contains("image/png");
  }

  @Test
  void uploadingTheSameBytesAgainKeepsOneIndexEntry() {
    HeldoutSet.Example example = HeldoutSet.distinct(1).getFirst();
    long before = Http.json(app.get("/api/v1/stats")).path("indexed_images").asLong();

    HttpResponse<byte[]> again =
        app.upload("/api/v1/ingest", "file", "again.png", "image/png", example.bytes());
    JsonNode done = awaitFinished(Http.json(again).path("task_id").asText());

    assertThat(done.path("status").asText()).isEqualTo("SUCCESS");
    assertThat(done.path("result").path("image_id").asText())
        .isEqualTo(idByCaption.get(example.caption()));
    assertThat(Http.json(app.get("/api/v1/stats")).path("indexed_images").asLong())
        .isEqualTo(before);
  }

  @Test
  void richSearchSimilarAndMetadata() {
    Map.Entry<String, String> first = idByCaption.entrySet().iterator().next();
    JsonNode page =
        Http.json(
            app.get(
                "/api/v1/search?limit=3&text="
                    + URLEncoder.encode(first.getKey(), StandardCharsets.UTF_8)));
    assertThat(page.path("results")).hasSize(3);
    JsonNode top = page.path("results").get(0);
    assertThat(top.path("image").path("id").asText()).isEqualTo(first.getValue());
    assertThat(top.path("score").asDouble()).isBetween(-1.0, 1.0);
    assertThat(top.path("image").path("thumbnail_url").asText())
        .isEqualTo("/thumbnails/" + first.getValue());

    JsonNode similar =
        Http.json(app.get("/api/v1/images/" + first.getValue() + "/similar?limit=5"));
    List<String> similarIds =
        similar.path("results").findValues("id").stream().map(JsonNode::asText).toList();
    assertThat(similarIds).isNotEmpty().doesNotContain(first.getValue());

    JsonNode meta = Http.json(app.get("/api/v1/images/" + first.getValue()));
    assertThat(meta.path("mime_type").asText()).isEqualTo("image/png");
    assertThat(meta.path("width").asInt()).isPositive();

    HttpResponse<byte[]> docs = app.get("/v3/api-docs");
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(Http.json(docs).path("paths").has("/api/v1/image/search")).isTrue();
  }
}
