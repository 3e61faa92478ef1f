package io.imagesearch.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * HTTP/1.1 over a plain socket, byte for byte as given: the malformed request lines, paths and
 * headers that a well-behaved client library refuses to send. One request per connection.
 */
public final class RawHttp {

  private final int port;

  public RawHttp(int port) {
    this.port = port;
  }

  /** A response: status, headers (names lowercase) and body, de-chunked. */
  public record Response(int status, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * Sends {@code requestLine} with {@code headers} (each "Name: value") and {@code body}; adds
   * Host, Connection: close and, with a body, Content-Length.
   */
  public Response send(String requestLine, List<String> headers, byte[] body) {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(requestLine.getBytes(StandardCharsets.ISO_8859_1));
    request.writeBytes("\r\nHost: 127.0.0.1\r\nConnection: close\r\n".getBytes());
    for (String header : headers) {
      request.writeBytes((header + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
    if (body.length > 0) {
      request.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes());
    }
    request.writeBytes("\r\n".getBytes());
    request.writeBytes(body);
    return exchange(request.toByteArray());
  }

  /** Sends {@code bytes} as they are, whatever they hold. */
  public Response exchange(byte[] bytes) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(bytes);
      out.flush();
      return parse(readUntilClosed(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Everything the server sent before it closed. A server that refuses a request before reading all
   * of it may reset the connection after its answer; what arrived before the reset counts.
   */
  private static byte[] readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        received.write(buffer, 0, n);
      }
    } catch (SocketException reset) {
      if (received.size() == 0) {
        throw reset;
      }
    }
    return received.toByteArray();
  }

  /** A multipart/form-data body and its Content-Type header: file parts, then field parts. */
  public record Multipart(String contentType, byte[] body) {
    public static Multipart of(
        String fileField, List<byte[]> files, String field, List<String> values) {
      String boundary = "----raw" + UUID.randomUUID();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (int i = 0; i < files.size(); i++) {
        body.writeBytes(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + fileField
                    + "\"; filename=\"f"
                    + i
                    + ".png\"\r\nContent-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(files.get(i));
        body.writeBytes("\r\n".getBytes());
      }
      for (String value : values) {
        body.writeBytes(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + field
                    + "\"\r\n\r\n"
                    + value
                    + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      body.writeBytes(("--" + boundary + "--\r\n").getBytes());
      return new Multipart(
          "Content-Type: multipart/form-data; boundary=" + boundary, body.toByteArray());
    }
  }

  private static Response parse(byte[] raw) {
    Response response = parseOne(raw);
    // An interim answer (100 Continue) comes before the final one on the same connection.
    while (response.status() >= 100 && response.status() < 200 && response.body().length > 0) {
      response = parseOne(response.body());
    }
    return response;
  }

  private static Response parseOne(byte[] raw) {
    int end = indexOf(raw, "\r\n\r\n".getBytes(), 0);
    if (end < 0) {
      throw new IllegalStateException(
          "no complete response: " + new String(raw, StandardCharsets.ISO_8859_1));
    }
    String[] head = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(head[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < head.length; i++) {
      int colon = head[i].indexOf(':');
      headers.merge(
          head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          head[i].substring(colon + 1).strip(),
          (a, b) -> a + ", " + b);
    }
    byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Response(status, headers, body);
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int lineEnd = indexOf(chunked, "\r\n".getBytes(), at);
      String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
      int length = Integer.parseInt(size.split(";")[0].strip(), 16);
      if (length == 0) {
        return out.toByteArray();
      }
      out.write(chunked, lineEnd + 2, length);
      at = lineEnd + 2 + length + 2;
    }
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
