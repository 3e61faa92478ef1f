package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.security.key.Scope;
import io.imagesearch.testsupport.CrossSiteAttack;
import io.imagesearch.testsupport.HostileImages;
import io.imagesearch.testsupport.Http;
import io.imagesearch.testsupport.RawHttp;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a page of another site can do to a user of the web UI: nothing. Keys travel in a header the
 * page cannot set for the app's origin and live in the app origin's storage, which the page cannot
 * read; CORS is closed, so no script of the page may call the API with a header or read an answer;
 * and every answer forbids framing (CSP frame-ancestors 'none', X-Frame-Options DENY) and sniffing.
 * Shown in headless Chromium against the packaged app, and over raw HTTP.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossSiteIT {

  private static final String FOREIGN_ORIGIN = "https://evil.example";

  private static EmbeddedProcess app;
  private static RawHttp http;
  private static String imageId;
  private static String taskId;

  @BeforeAll
  static void start() throws IOException {
    app = EmbeddedProcess.serve(Files.createTempDirectory("embedded-cross-site-"));
    http = new RawHttp(app.port);
    taskId = accepted(HostileImages.ordinary("png"), "kept.png");
    imageId = finalTask(taskId).path("result").path("image_id").asText();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Order(1)
  @Test
  void aPageOfAnotherSiteCannotActForASignedInUser() throws Exception {
    byte[] bait = HostileImages.uniformPng(97, 65, 8, 2, false);
    Path baitFile = Files.write(Files.createTempFile("bait-", ".png"), bait);
    long indexedBefore = indexedImages();
    String userKey = app.createKey(Scope.SEARCH, Scope.UPLOAD, Scope.DELETE);

    CrossSiteAttack.Result attack =
        CrossSiteAttack.run(
            app.uri("/"),
            imageId,
            baitFile,
            userKey,
            Path.of("target/ui/cross-site.png").toAbsolutePath());

    JsonNode seen = attack.seen();
    assertThat(attack.ran()).as(attack.output()).isTrue();
    // The user is signed in, with the key kept in the app's origin, and the key works there.
    assertThat(seen.path("keyRememberedByTheApp").asBoolean()).isTrue();
    assertThat(seen.path("statsFromTheAppPage").asInt()).isEqualTo(200);
    // The form post reached the app without any key and was refused.
    assertThat(seen.path("formPostStatus").asInt()).as(attack.output()).isEqualTo(401);
    // Scripts of the page: a DELETE, with credentials or a header, needs a preflight the app does
    // not grant, so the browser never sends it; an answer of the app cannot be read.
    JsonNode script = seen.path("script");
    assertThat(script.path("deleteWithCredentials").path("error").asText()).contains("TypeError");
    assertThat(script.path("deleteWithForgedKey").path("error").asText()).contains("TypeError");
    assertThat(script.path("readImage").path("error").asText()).contains("TypeError");
    assertThat(script.path("demoNoCors").path("type").asText()).isEqualTo("opaque");
    assertThat(script.path("keyInThisOriginsStorage").isNull()).as(script.toString()).isTrue();
    for (JsonNode preflight : seen.path("preflights")) {
      assertThat(preflight.path("headers").has("access-control-allow-origin"))
          .as(preflight.toString())
          .isFalse();
    }
    assertThat(seen.path("responses").findValuesAsText("method")).doesNotContain("DELETE");

    // The app did nothing: the image is there, the bait was not stored, the demo not loaded.
    assertThat(app.get("/api/v1/images/" + imageId).statusCode()).isEqualTo(200);
    assertThat(app.get("/images/" + ImageId.of(bait).hex()).statusCode()).isEqualTo(404);
    assertThat(Http.json(app.get("/api/v1/tasks?limit=1000")).findValuesAsText("file_name"))
        .containsExactly("kept.png");
    assertThat(indexedImages()).isEqualTo(indexedBefore);

    // Clickjacking: the frame of the app holds no document of the app; the control frame of the
    // page's own site loaded, so framing itself worked.
    Map<String, JsonNode> frames = new HashMap<>();
    seen.path("frames").forEach(frame -> frames.put(frame.path("name").asText(), frame));
    assertThat(frames).containsKeys("app", "own");
    JsonNode framedApp = frames.get("app").path("document");
    assertThat(framedApp.path("hasSearchBox").asBoolean()).as(framedApp.toString()).isFalse();
    assertThat(framedApp.path("origin").asText()).isNotEqualTo(appOrigin());
    assertThat(frames.get("own").path("document").path("title").asText())
        .isEqualTo("a page of this site");
  }

  @Order(2)
  @Test
  void aPreflightFromAnotherSiteGetsNoCorsGrant() {
    for (String[] route :
        new String[][] {
          {"/api/v1/images/" + imageId, "DELETE"},
          {"/api/v1/ingest", "POST"},
          {"/api/v1/keys", "POST"},
          {"/images/" + imageId, "GET"}
        }) {
      RawHttp.Response preflight =
          http.send(
              "OPTIONS " + route[0] + " HTTP/1.1",
              List.of(
                  "Origin: " + FOREIGN_ORIGIN,
                  "Access-Control-Request-Method: " + route[1],
                  "Access-Control-Request-Headers: authorization, content-type"),
              new byte[0]);

      assertThat(preflight.status()).as(route[0]).isLessThan(500);
      assertThat(preflight.header("Access-Control-Allow-Origin")).as(route[0]).isNull();
      assertThat(preflight.header("Access-Control-Allow-Methods")).as(route[0]).isNull();
      assertThat(preflight.header("Access-Control-Allow-Headers")).as(route[0]).isNull();
    }
  }

  @Order(3)
  @Test
  void aPostFromAnotherSiteWithoutAKeyIs401AndStoresNothing() {
    byte[] bait = HostileImages.uniformPng(98, 66, 8, 2, false);
    RawHttp.Multipart form = RawHttp.Multipart.of("file", List.of(bait), "tags", List.of());

    RawHttp.Response response =
        http.send(
            "POST /api/v1/ingest HTTP/1.1",
            List.of(
                "Origin: " + FOREIGN_ORIGIN,
                "Referer: " + FOREIGN_ORIGIN + "/",
                form.contentType()),
            form.body());

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    assertThat(app.get("/images/" + ImageId.of(bait).hex()).statusCode()).isEqualTo(404);
  }

  /**
   * Every route of the API description, with the admin key and without any, and every file of the
   * web UI: each answer, success or error, forbids framing and sniffing and sends no referrer.
   */
  @Order(4)
  @Test
  void everyPageAndApiAnswerForbidsFramingAndSniffing() {
    String victim =
        finalTask(accepted(HostileImages.ordinary("bmp"), "victim.bmp"))
            .path("result")
            .path("image_id")
            .asText();
    // Its id is the 16 hex digits after "isk_".
    String keyId = app.createKey(Scope.SEARCH).substring(4, 20);
    List<String> checked = new ArrayList<>();

    JsonNode paths = Http.json(app.get("/v3/api-docs")).path("paths");
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
        String method = methods.next().toUpperCase(Locale.ROOT);
        String target = concrete(path.getKey(), method, victim, keyId);
        for (boolean withKey : new boolean[] {false, true}) {
          List<String> headers =
              withKey ? List.of("Authorization: Bearer " + app.adminKey()) : List.of();
          RawHttp.Response response =
              http.send(method + " " + target + " HTTP/1.1", headers, new byte[0]);
          assertForbidsFramingAndSniffing(
              method + " " + target + (withKey ? " (key)" : ""), response);
          checked.add(method + " " + path.getKey());
        }
      }
    }
    for (String page : webUiFiles()) {
      assertForbidsFramingAndSniffing(
          page, http.send("GET " + page + " HTTP/1.1", List.of(), new byte[0]));
      checked.add("GET " + page);
    }
    for (String other :
        List.of(
            "/swagger-ui.html",
            "/swagger-ui/index.html",
            "/v3/api-docs",
            "/actuator/health",
            "/nothing-here")) {
      assertForbidsFramingAndSniffing(
          other, http.send("GET " + other + " HTTP/1.1", List.of(), new byte[0]));
    }
    assertThat(checked)
        .contains("DELETE /api/v1/images/{id}", "GET /thumbnails/{id}", "GET /app.js");
  }

  private static void assertForbidsFramingAndSniffing(String what, RawHttp.Response response) {
    String seen = what + " -> " + response.status() + " " + response.headers();
    assertThat(response.status()).as(seen).isLessThan(500);
    assertThat(response.header("Content-Security-Policy"))
        .as(seen)
        .contains("frame-ancestors 'none'");
    assertThat(response.header("X-Frame-Options")).as(seen).isEqualTo("DENY");
    assertThat(response.header("X-Content-Type-Options")).as(seen).isEqualTo("nosniff");
    assertThat(response.header("Referrer-Policy")).as(seen).isEqualTo("no-referrer");
  }

  /** A documented path with its parameters filled: DELETE of an image takes the victim. */
  private static String concrete(String path, String method, String victim, String keyId) {
    if (path.startsWith("/api/v1/keys/")) {
      return path.replace("{id}", keyId);
    }
    return path.replace("{taskId}", taskId)
        .replace("{task_id}", taskId)
        .replace("{id}", method.equals("DELETE") ? victim : imageId);
  }

  /** The page, and every script and style it loads, directly or by import. */
  private static Set<String> webUiFiles() {
    Set<String> files = new LinkedHashSet<>(List.of("/", "/index.html"));
    Pattern reference =
        Pattern.compile("(?:src|href)=\"(/?[\\w./-]+\\.(?:js|css))\"|from '\\./([\\w.-]+\\.js)'");
    List<String> toRead = new ArrayList<>(List.of("/index.html"));
    while (!toRead.isEmpty()) {
      String text =
          http.send("GET " + toRead.removeFirst() + " HTTP/1.1", List.of(), new byte[0]).text();
      Matcher m = reference.matcher(text);
      while (m.find()) {
        String file = "/" + (m.group(1) != null ? m.group(1) : m.group(2)).replaceFirst("^/", "");
        if (files.add(file)) {
          toRead.add(file);
        }
      }
    }
    return files;
  }

  private static String appOrigin() {
    return "http://127.0.0.1:" + app.port;
  }

  private static long indexedImages() {
    return Http.json(app.get("/api/v1/stats")).path("indexed_images").asLong();
  }

  private static String accepted(byte[] image, String name) {
    HttpResponse<byte[]> response = app.upload("/api/v1/ingest", "file", name, "image/png", image);
    assertThat(response.statusCode()).isEqualTo(202);
    return Http.json(response).path("task_id").asText();
  }

  private static JsonNode finalTask(String id) {
    JsonNode task = app.awaitFinalState(id, Duration.ofMinutes(1));
    assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("SUCCESS");
    return task;
  }
}
