package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.testsupport.Http;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kind of bad request gets the right 4xx with a problem+json body, and the server stays up.
 */
class BadInputIT {

  private static EmbeddedProcess app;

  @BeforeAll
  static void start() throws IOException {
    app =
        EmbeddedProcess.serve(
            Files.createTempDirectory("embedded-bad-input-"),
            "--spring.servlet.multipart.max-file-size=2MB",
            "--spring.servlet.multipart.max-request-size=3MB",
            "--imagesearch.ingest.max-image-bytes=1000000");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @AfterEach
  void serverStaysHealthy() {
    HttpResponse<byte[]> health = app.get("/actuator/health");
    assertThat(health.statusCode()).as(app.log()).isEqualTo(200);
  }

  static Stream<Arguments> badUploads() throws IOException {
    byte[] png = encode(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png");
    byte[] jpeg = encode(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "jpg");
    byte[] polyglot =
        concat(
            Arrays.copyOf(jpeg, 4),
            "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
    return Stream.of(
        Arguments.of("empty file", new byte[0], 415),
        Arguments.of("plain text", "hello".getBytes(StandardCharsets.UTF_8), 415),
        Arguments.of(
            "HTML page", "<!doctype html><html></html>".getBytes(StandardCharsets.UTF_8), 415),
        Arguments.of(
            "SVG",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>".getBytes(StandardCharsets.UTF_8),
            415),
        Arguments.of("PDF", "%PDF-1.7\n%...".getBytes(StandardCharsets.US_ASCII), 415),
        Arguments.of("truncated JPEG", Arrays.copyOf(jpeg, jpeg.length / 2), 422),
        Arguments.of("HTML inside a JPEG header", polyglot, 422),
        Arguments.of("PNG header declaring 30000x30000", pngHeaderDeclaring(30_000, 30_000), 413),
        Arguments.of(
            "one pixel", encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png"), 422),
        Arguments.of("animated GIF", animatedGif(), 422),
        Arguments.of("image above the byte limit", concat(png, new byte[1_200_000]), 413),
        Arguments.of("body above the multipart limit", new byte[2_500_000], 413));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("badUploads")
  void badUploadsAreRefused(String kind, byte[] content, int status) {
    HttpResponse<byte[]> response =
        app.upload("/api/v1/ingest", "file", "x.jpg", "image/jpeg", content);

    assertProblem(response, status);
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of("search without text", "/api/v1/image/search", 400),
        Arguments.of("search with empty text", "/api/v1/image/search?text=", 400),
        Arguments.of("limit not a number", "/api/v1/search?text=cat&limit=abc", 400),
        Arguments.of("negative limit", "/api/v1/search?text=cat&limit=-1", 400),
        Arguments.of("huge limit", "/api/v1/search?text=cat&limit=1000000", 400),
        Arguments.of("huge offset", "/api/v1/search?text=cat&offset=99999999", 400),
        Arguments.of("min score out of range", "/api/v1/search?text=cat&min_score=7", 400),
        Arguments.of("bad date", "/api/v1/search?text=cat&from=yesterday", 400),
        Arguments.of("unknown mime type", "/api/v1/search?text=cat&mime_type=text/html", 400),
        Arguments.of("hostile tag", "/api/v1/search?text=cat&tag=%22%29%20or%201%3D1", 400),
        Arguments.of("malformed image id", "/images/not-a-hash", 404),
        // Spring Security's firewall refuses an encoded percent sign before any route.
        Arguments.of("double-encoded traversal as id", "/images/..%252F..%252Fetc%252Fpasswd", 400),
        Arguments.of("unknown image id", "/images/" + "a".repeat(64), 404),
        Arguments.of("uppercase image id", "/images/" + "A".repeat(64), 404),
        Arguments.of("unknown task", "/api/v1/ingest/00000000-0000-0000-0000-000000000000", 404),
        Arguments.of("malformed task id", "/api/v1/ingest/%3Cscript%3E", 404),
        Arguments.of("metadata of unknown image", "/api/v1/images/" + "b".repeat(64), 404),
        Arguments.of("unknown route", "/api/v1/nothing-here", 404));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("badRequests")
  void badRequestsAreRefused(String kind, String path, int status) {
    assertProblem(app.get(path), status);
  }

  /** The model reads 77 tokens of it: a 10 KB text is answered, as the original service did. */
  @Test
  void aLongQueryTextIsReadNotRefused() {
    String longText = URLEncoder.encode("a red circle ".repeat(800), StandardCharsets.UTF_8);

    for (String route : new String[] {"/api/v1/image/search?text=", "/api/v1/search?text="}) {
      HttpResponse<byte[]> response = app.get(route + longText);
      assertThat(response.statusCode()).as(route).isEqualTo(200);
      assertThat(Http.json(response).isContainerNode()).isTrue();
    }
  }

  @Test
  void aPoisonImageIsAcceptedThenFailsWithAClearStatus() {
    // The header is intact, so the cheap upload check passes; the pixel data is missing.
    byte[] truncatedPng =
        Arrays.copyOf(encodeUnchecked(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB)), 40);
    HttpResponse<byte[]> accepted =
        app.upload("/api/v1/ingest", "file", "poison.png", "image/png", truncatedPng);
    assertThat(accepted.statusCode()).isEqualTo(202);
    String taskId = Http.json(accepted).path("task_id").asText();

    JsonNode[] status = new JsonNode[1];
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofMinutes(1))
        .until(
            () ->
                (status[0] = Http.json(app.get("/api/v1/ingest/" + taskId)))
                    .path("status")
                    .asText()
                    .equals("FAILURE"));
    assertThat(status[0].path("error").asText()).contains("cannot be processed").contains("PNG");
  }

  private static byte[] encodeUnchecked(BufferedImage image) {
    try {
      return encode(image, "png");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void encodedSlashTraversalIsRefusedBeforeReachingTheApp() {
    HttpResponse<byte[]> response = app.get("/images/..%2F..%2Fetc%2Fpasswd");

    assertThat(response.statusCode()).isBetween(400, 404);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("root:");
  }

  @Test
  void uploadWithoutTheFilePartIsABadRequest() {
    HttpResponse<byte[]> response =
        app.upload("/api/v1/ingest", "image", "x.png", "image/png", new byte[10]);
    assertProblem(response, 400);
  }

  @Test
  void uploadThatIsNotMultipartIsUnsupported() {
    HttpResponse<byte[]> response =
        app.send(
            HttpRequest.newBuilder(app.uri("/api/v1/ingest"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"file\": \"x\"}"))
                .build());
    assertProblem(response, 415);
  }

  @Test
  void wrongMethodIsNotAllowed() {
    HttpResponse<byte[]> response =
        app.send(
            HttpRequest.newBuilder(app.uri("/api/v1/ingest"))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build());
    assertProblem(response, 405);
  }

  @Test
  void hostileFileNamesAreKeptAsDisplayNamesOnly() throws IOException {
    byte[] png = encode(new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB), "png");
    for (String name :
        new String[] {"../../etc/passwd.png", "..\\..\\win.ini.png", "фото 🐱 ünï.png"}) {
      HttpResponse<byte[]> response = app.upload("/api/v1/images", "files", name, "image/png", png);
      assertThat(response.statusCode()).isEqualTo(202);
      String stored = Http.json(response).path("accepted").get(0).path("file_name").asText();
      assertThat(stored).doesNotContain("/").doesNotContain("\\").doesNotStartWith("..");
    }
  }

  private static void assertProblem(HttpResponse<byte[]> response, int status) {
    assertThat(response.statusCode())
        .as(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonNode problem = Http.json(response);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("detail").asText()).isNotBlank();
  }

  private static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, format, out);
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] pngHeaderDeclaring(int w, int h) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(ihdr);
    d.writeInt(w);
    d.writeInt(h);
    d.write(new byte[] {8, 2, 0, 0, 0});
    byte[] type = "IHDR".getBytes(StandardCharsets.US_ASCII);
    out.writeInt(ihdr.size());
    out.write(type);
    out.write(ihdr.toByteArray());
    CRC32 crc = new CRC32();
    crc.update(type);
    crc.update(ihdr.toByteArray());
    out.writeInt((int) crc.getValue());
    return bytes.toByteArray();
  }

  private static byte[] animatedGif() throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      for (int i = 0; i < 2; i++) {
        writer.writeToSequence(
            new IIOImage(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), null, null), null);
      }
      writer.endWriteSequence();
    }
    writer.dispose();
    return bytes.toByteArray();
  }
}
