package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.testsupport.HostileImages;
import io.imagesearch.testsupport.Http;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files built to exhaust the server's memory or time, sent to the upload and search routes of the
 * app as users run it (the JVM's default heap): each is refused with a 4xx or accepted and ends
 * FAILURE, never a 5xx (an image at the pixel limit but of a sound shape is indexed); the server
 * answers after each; ordinary uploads among them succeed; no task is left PENDING or STARTED.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

  private static final long GIB = 1L << 30;
  private static final Duration FINAL_STATE_BOUND = Duration.ofMinutes(2);
  private static final Set<String> FINAL_STATES = Set.of("SUCCESS", "FAILURE");

  private static EmbeddedProcess app;

  @BeforeAll
  static void start() throws IOException {
    app = EmbeddedProcess.serve(null, Files.createTempDirectory("embedded-hostile-"));
  }

  @AfterAll
  static void stop() throws IOException {
    if (app != null) {
      System.out.printf(
          "HostileInputIT: peak resident memory of the app %d MiB%n",
          app.peakResidentBytes() >> 20);
      app.close();
    }
  }

  @AfterEach
  void serverStillAnswers() {
    assertThat(app.get("/actuator/health").statusCode()).as(app.log()).isEqualTo(200);
  }

  /** What the upload route must do with a file. */
  enum Expected {
    /** Refused from its header with this class of status. */
    UNPROCESSABLE(422),
    TOO_LARGE(413),
    /** Accepted (its header is sound), then FAILURE when the worker finds the damage. */
    FAILS(202),
    /**
     * Either refused with a 4xx or accepted and ended in a final state: truncation may be benign.
     */
    REFUSED_OR_FINAL(0),
    /** Within every limit, however close: accepted and indexed. */
    SUCCEEDS(202);

    final int status;

    Expected(int status) {
      this.status = status;
    }
  }

  static Stream<Arguments> hostileFiles() {
    return Stream.of(
        Arguments.of(
            "2 x 25,000,000 grey PNG",
            HostileImages.greyPng(2, 25_000_000),
            Expected.UNPROCESSABLE),
        Arguments.of(
            "2 x 5,000,000 grey PNG", HostileImages.greyPng(2, 5_000_000), Expected.UNPROCESSABLE),
        Arguments.of(
            "25,000,000 x 2 grey PNG",
            HostileImages.greyPng(25_000_000, 2),
            Expected.UNPROCESSABLE),
        Arguments.of(
            "zTXt inflating to 2 GiB", HostileImages.zTxtBomb(2 * GIB), Expected.TOO_LARGE),
        Arguments.of("iTXt inflating to 1 GiB", HostileImages.iTxtBomb(GIB), Expected.TOO_LARGE),
        Arguments.of("iCCP inflating to 1 GiB", HostileImages.iccpBomb(GIB), Expected.TOO_LARGE),
        Arguments.of(
            "WebP declaring a 2 GB profile",
            HostileImages.webpDeclaringProfile(0x7FFF_FFF0L),
            Expected.TOO_LARGE),
        Arguments.of(
            "BMP declaring a 2 GB profile",
            HostileImages.bmpDeclaringProfile(0x7FFF_FFF0L),
            Expected.TOO_LARGE),
        Arguments.of(
            "PNG declaring 7071 x 7071 16-bit RGBA, one row of data",
            HostileImages.pngDeclaringDeepPixels(7071, 7071),
            Expected.FAILS),
        Arguments.of(
            "7071 x 7071 grey PNG, at the pixel limit",
            HostileImages.greyPng(7071, 7071),
            Expected.SUCCEEDS),
        Arguments.of(
            "truncated PNG",
            HostileImages.truncated(HostileImages.ordinary("png"), 0.6),
            Expected.FAILS),
        Arguments.of(
            "truncated JPEG",
            HostileImages.truncated(HostileImages.ordinary("jpg"), 0.85),
            Expected.FAILS),
        Arguments.of(
            "truncated GIF",
            HostileImages.truncated(HostileImages.ordinary("gif"), 0.5),
            Expected.REFUSED_OR_FINAL),
        Arguments.of(
            "truncated BMP",
            HostileImages.truncated(HostileImages.ordinary("bmp"), 0.5),
            Expected.REFUSED_OR_FINAL));
  }

  @Order(1)
  @ParameterizedTest(name = "upload: {0} -> {2}")
  @MethodSource("hostileFiles")
  void uploadIsRefusedOrEndsInFailure(String kind, byte[] file, Expected expected) {
    HttpResponse<byte[]> response =
        app.upload("/api/v1/ingest", "file", "x.png", "image/png", file);

    int status = response.statusCode();
    assertThat(status).as(body(response)).isLessThan(500);
    if (expected == Expected.REFUSED_OR_FINAL) {
      assertThat(status).as(body(response)).isIn(202, 413, 415, 422);
    } else {
      assertThat(status).as(body(response)).isEqualTo(expected.status);
    }
    if (status == 202) {
      JsonNode task = finalState(Http.json(response).path("task_id").asText());
      if (expected == Expected.FAILS) {
        assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("FAILURE");
        assertThat(task.path("error").asText()).isNotBlank();
      } else if (expected == Expected.SUCCEEDS) {
        assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("SUCCESS");
      }
    } else {
      assertThat(Http.json(response).path("detail").asText()).isNotBlank();
    }
  }

  @Order(2)
  @ParameterizedTest(name = "search by image: {0}")
  @MethodSource("hostileFiles")
  void searchByImageAnswersWithoutAServerError(String kind, byte[] file, Expected expected) {
    HttpResponse<byte[]> response =
        app.upload("/api/v1/search/by-image", "file", "x.png", "image/png", file);

    int status = response.statusCode();
    assertThat(status).as(body(response)).isLessThan(500);
    switch (expected) {
      case SUCCEEDS -> assertThat(status).as(body(response)).isEqualTo(200);
      case REFUSED_OR_FINAL -> assertThat(status).as(body(response)).isIn(200, 413, 415, 422);
      default -> assertThat(status).as(body(response)).isBetween(400, 499);
    }
  }

  @Order(3)
  @Test
  void ordinaryImagesUploadedAmongHostileOnesSucceed() {
    List<Http.FilePart> files = new ArrayList<>();
    files.add(part("a.png", HostileImages.ordinary("png")));
    files.add(part("deep.png", HostileImages.pngDeclaringDeepPixels(7071, 7071)));
    files.add(part("b.jpg", HostileImages.ordinary("jpg")));
    files.add(part("strip.png", HostileImages.greyPng(2, 25_000_000)));
    files.add(part("cut.png", HostileImages.truncated(HostileImages.ordinary("png"), 0.6)));
    files.add(part("c.bmp", HostileImages.ordinary("bmp")));

    HttpResponse<byte[]> response = app.upload("/api/v1/images", "files", files);

    assertThat(response.statusCode()).as(body(response)).isEqualTo(202);
    JsonNode result = Http.json(response);
    assertThat(result.path("rejected")).hasSize(1);
    assertThat(result.path("rejected").get(0).path("status").asInt()).isEqualTo(422);
    for (JsonNode accepted : result.path("accepted")) {
      String name = accepted.path("file_name").asText();
      JsonNode task = finalState(accepted.path("task_id").asText());
      String expected = Set.of("a.png", "b.jpg", "c.bmp").contains(name) ? "SUCCESS" : "FAILURE";
      assertThat(task.path("status").asText()).as(name + ": " + task).isEqualTo(expected);
    }
  }

  @Order(4)
  @Test
  void noTaskIsLeftPendingOrStarted() {
    JsonNode tasks = Http.json(app.get("/api/v1/tasks?limit=1000"));

    assertThat(tasks).isNotEmpty();
    for (JsonNode task : tasks) {
      assertThat(task.path("status").asText()).as(task.toString()).isIn(FINAL_STATES);
    }
  }

  private static JsonNode finalState(String taskId) {
    JsonNode[] task = new JsonNode[1];
    Awaitility.await()
        .atMost(FINAL_STATE_BOUND)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                FINAL_STATES.contains(
                    (task[0] = Http.json(app.get("/api/v1/ingest/" + taskId)))
                        .path("status")
                        .asText()));
    return task[0];
  }

  private static Http.FilePart part(String name, byte[] content) {
    return new Http.FilePart(name, "application/octet-stream", content);
  }

  private static String body(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }
}
