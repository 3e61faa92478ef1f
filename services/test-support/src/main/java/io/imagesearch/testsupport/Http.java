package io.imagesearch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** A small HTTP client for tests: multipart uploads and JSON bodies. */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private Http() {}

  public static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static HttpResponse<byte[]> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET().build());
  }

  public static JsonNode json(HttpResponse<byte[]> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "not JSON ("
              + response.statusCode()
              + "): "
              + new String(response.body(), StandardCharsets.UTF_8),
          e);
    }
  }

  /** A POST with {@code body} serialised as JSON. */
  public static HttpRequest postJson(URI uri, Object body) {
    try {
      return HttpRequest.newBuilder(uri)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One file of a multipart/form-data body. */
  public record FilePart(String fileName, String contentType, byte[] content) {}

  /** A multipart/form-data body with one file part. */
  public static HttpRequest multipart(
      URI uri, String field, String fileName, String contentType, byte[] content) {
    return multipart(uri, field, List.of(new FilePart(fileName, contentType, content)));
  }

  /** A multipart/form-data body with a part named {@code field} for each file, as a form sends. */
  public static HttpRequest multipart(URI uri, String field, List<FilePart> files) {
    String boundary = "----imagesearch" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (FilePart file : files) {
      String head =
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\""
              + field
              + "\"; filename=\""
              + file.fileName()
              + "\"\r\nContent-Type: "
              + file.contentType()
              + "\r\n\r\n";
      body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
      body.writeBytes(file.content());
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .build();
  }
}
