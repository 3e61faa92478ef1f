package io.imagesearch.embedded;

import io.imagesearch.embedded.HostileCase.Answer;
import io.imagesearch.embedded.HostileCase.Outcome;
import io.imagesearch.embedded.HostileRequest.Form;
import io.imagesearch.testsupport.HostileImages;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Hostile headers and HTTP framing, sent byte for byte: headers past every size and count, keys of
 * the wrong shape, framing a proxy and the server could read differently (request smuggling),
 * versions and methods that do not exist, content negotiation the routes cannot meet.
 */
final class HostileProtocolCases {
  private HostileProtocolCases() {}

  private static final String STATS = "/api/v1/stats";

  static Stream<HostileCase> cases() {
    return Stream.of(headers(), keys(), framing(), requestLines()).flatMap(List::stream);
  }

  private static List<HostileCase> headers() {
    return List.of(
        HostileCase.of(
            "a header of 70 KB",
            HostileRequest.get(STATS).header("X-Big: " + "a".repeat(70_000)),
            Answer.status(400)),
        HostileCase.of("200 headers", withHeaders(200), Answer.status(400)),
        HostileCase.of(
            "an Accept the route cannot answer",
            HostileRequest.get(STATS).header("Accept: application/xml"),
            Answer.status(406)),
        HostileCase.of(
            "an Accept of 2,000 types",
            HostileRequest.get(STATS)
                .header(
                    "Accept: "
                        + IntStream.range(0, 2000)
                            .mapToObj(i -> "x/y" + i)
                            .collect(Collectors.joining(","))),
            Answer.status(406)),
        HostileCase.of(
            "an Accept-Language of 10 KB",
            HostileRequest.get(STATS).header("Accept-Language: " + "en-US;q=0.9,".repeat(900)),
            Answer.status(200)),
        HostileCase.of(
            "forwarding headers claiming another client",
            HostileRequest.get(STATS)
                .header("X-Forwarded-For: 10.0.0.1")
                .header("X-Forwarded-Proto: https")
                .header("X-Forwarded-Host: evil.example")
                .header("Forwarded: for=10.0.0.1;host=evil.example"),
            Answer.status(200)),
        HostileCase.of(
            "a header folded over two lines",
            HostileRequest.raw(
                "GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\r\n b\r\nConnection: close\r\n\r\n"),
            Answer.status(200)),
        HostileCase.of(
            "a header with a NUL",
            HostileRequest.raw(
                "GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\u0000b\r\nConnection: close\r\n\r\n"),
            Answer.status(400)),
        HostileCase.of(
            "an upgrade to HTTP/2 in clear text",
            HostileRequest.get(STATS)
                .header("Connection: Upgrade, HTTP2-Settings")
                .header("Upgrade: h2c")
                .header("HTTP2-Settings: AAMAAABkAAQAAP__"),
            Answer.status(200)),
        HostileCase.of(
            "a WebSocket upgrade",
            HostileRequest.get(STATS)
                .header("Upgrade: websocket")
                .header("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==")
                .header("Sec-WebSocket-Version: 13"),
            Answer.status(200)),
        HostileCase.of(
            "Expect: 100-continue on an upload",
            HostileRequest.upload("/api/v1/ingest", "file", "a.png", HostileImages.ordinary("png"))
                .header("Expect: 100-continue"),
            Answer.accepted(Outcome.SUCCESS)),
        HostileCase.of(
            "an expectation nobody meets",
            HostileRequest.get(STATS).header("Expect: tea"),
            Answer.status(417)));
  }

  /** Few: each refused key counts towards the failure limit of this client address. */
  private static List<HostileCase> keys() {
    return List.of(
        HostileCase.of(
            "a Bearer key of 10 KB",
            HostileRequest.get(STATS)
                .anonymous()
                .header("Authorization: Bearer isk_" + "a".repeat(10_000)),
            Answer.status(401)),
        HostileCase.of(
            "Basic credentials",
            HostileRequest.get(STATS).anonymous().header("Authorization: Basic YWRtaW46YWRtaW4="),
            Answer.status(401)),
        HostileCase.of(
            "a key with a NUL",
            HostileRequest.get(STATS).anonymous().header("X-Api-Key: isk_\u0000"),
            Answer.status(400)));
  }

  /** Bodies framed in ways a proxy and the server could read differently. */
  private static List<HostileCase> framing() {
    byte[] form = new Form().file("file", "a.png", HostileImages.ordinary("png")).bytes();
    byte[] json = "{}".getBytes(StandardCharsets.US_ASCII);
    return List.of(
        framed(
            "a chunked upload",
            "Transfer-Encoding: chunked",
            chunked(form),
            Answer.accepted(Outcome.SUCCESS)),
        framed(
            "Transfer-Encoding and Content-Length together",
            "Transfer-Encoding: chunked\r\nContent-Length: 4",
            chunked(form),
            Answer.accepted(Outcome.SUCCESS)),
        framed(
            "a transfer coding the server does not know",
            "Transfer-Encoding: gzip, chunked",
            chunked(form),
            Answer.status(400)),
        framed(
            "a chunk size that is not hex",
            "Transfer-Encoding: chunked",
            "zz\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            Answer.status(400)),
        framed(
            "a chunk size past a long",
            "Transfer-Encoding: chunked",
            ("f".repeat(40) + "\r\n{}\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
            Answer.status(400)),
        framed("a negative Content-Length", "Content-Length: -1", json, Answer.status(400)),
        framed(
            "a Content-Length past a long",
            "Content-Length: 99999999999999999999",
            json,
            Answer.status(400)),
        framed(
            "two different Content-Lengths",
            "Content-Length: 2\r\nContent-Length: 3",
            json,
            Answer.status(400)),
        framed(
            "a Content-Length shorter than the upload",
            "Content-Length: " + form.length / 2,
            form,
            Answer.status(400)));
  }

  private static List<HostileCase> requestLines() {
    return List.of(
        raw("no Host header", "GET /actuator/health HTTP/1.1\r\nConnection: close\r\n\r\n", 400),
        raw(
            "two Host headers",
            "GET /actuator/health HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n",
            400),
        raw("HTTP/1.0 without a Host", "GET /actuator/health HTTP/1.0\r\n\r\n", 200),
        raw(
            "HTTP/2.0 on a text connection",
            "GET /actuator/health HTTP/2.0\r\nHost: x\r\nConnection: close\r\n\r\n",
            400),
        raw(
            "HTTP/9.9",
            "GET /actuator/health HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n",
            400),
        raw(
            "a lowercase method",
            "get /actuator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            400),
        raw(
            "a method of 1,000 letters",
            "A".repeat(1000) + " /actuator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            400),
        raw(
            "CONNECT",
            "CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\nConnection: close\r\n\r\n",
            400),
        raw(
            "an absolute target naming another host",
            "GET http://evil.example/actuator/health HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
            200),
        raw("OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 200),
        raw(
            "tabs between the parts of the request line",
            "GET\t/actuator/health\tHTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            200),
        raw("a request line of spaces", "   \r\n\r\n", 400),
        raw(
            "a request line of binary",
            "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u00fc\u0003\u0003",
            400));
  }

  private static HostileCase raw(String name, String request, Integer... statuses) {
    return HostileCase.of(name, HostileRequest.raw(request), Answer.status(statuses));
  }

  private static HostileRequest withHeaders(int count) {
    HostileRequest request = HostileRequest.get(STATS);
    for (int i = 0; i < count; i++) {
      request = request.header("X-H" + i + ": " + "v".repeat(50));
    }
    return request;
  }

  /**
   * An upload to {@code /api/v1/ingest} with the admin key, the framing headers given and {@code
   * body} as it is, whatever the headers say about it.
   */
  private static HostileCase framed(String name, String framing, byte[] body, Answer answer) {
    return HostileCase.of(
        name,
        stored -> {
          ByteArrayOutputStream request = new ByteArrayOutputStream();
          request.writeBytes(
              ("POST /api/v1/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                      + "Authorization: Bearer "
                      + stored.adminKey()
                      + "\r\nContent-Type: multipart/form-data; boundary="
                      + Form.BOUNDARY
                      + "\r\n"
                      + framing
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
          request.writeBytes(body);
          return HostileRequest.raw(request.toByteArray());
        },
        answer);
  }

  /** {@code body} in two chunks and the last, empty one. */
  private static byte[] chunked(byte[] body) {
    int half = body.length / 2;
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    chunks.writeBytes((Integer.toHexString(half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    chunks.write(body, 0, half);
    chunks.writeBytes(
        ("\r\n" + Integer.toHexString(body.length - half) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    chunks.write(body, half, body.length - half);
    chunks.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return chunks.toByteArray();
  }
}
