package io.imagesearch.embedded;

import io.imagesearch.testsupport.RawHttp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request of the hostile-input suite, sent byte for byte over a socket so that nothing a client
 * library would refuse or repair is lost: the admin key unless {@link #anonymous()}, the headers
 * given, the body. {@link #raw(byte[])} sends bytes that are not even a request.
 */
record HostileRequest(
    String method, String target, List<String> headers, byte[] body, boolean withKey, byte[] raw) {

  static HostileRequest get(String target) {
    return new HostileRequest("GET", target, List.of(), new byte[0], true, null);
  }

  static HostileRequest head(String target) {
    return new HostileRequest("HEAD", target, List.of(), new byte[0], true, null);
  }

  static HostileRequest delete(String target) {
    return new HostileRequest("DELETE", target, List.of(), new byte[0], true, null);
  }

  static HostileRequest post(String target, String contentType, byte[] body) {
    return new HostileRequest(
        "POST", target, List.of("Content-Type: " + contentType), body, true, null);
  }

  static HostileRequest postJson(String target, String json) {
    return post(target, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  static HostileRequest method(String method, String target) {
    return new HostileRequest(method, target, List.of(), new byte[0], true, null);
  }

  /** A multipart/form-data POST of {@code form}. */
  static HostileRequest upload(String target, Form form) {
    return post(target, "multipart/form-data; boundary=" + Form.BOUNDARY, form.bytes());
  }

  /** A POST of one file part named {@code field}, as a form's file input sends it. */
  static HostileRequest upload(String target, String field, String fileName, byte[] content) {
    return upload(target, new Form().file(field, fileName, content));
  }

  /** Bytes sent as they are: the request line, headers and body are the caller's. */
  static HostileRequest raw(byte[] bytes) {
    return new HostileRequest("", "", List.of(), new byte[0], false, bytes);
  }

  static HostileRequest raw(String text) {
    return raw(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  HostileRequest header(String header) {
    List<String> more = new ArrayList<>(headers);
    more.add(header);
    return new HostileRequest(method, target, more, body, withKey, raw);
  }

  /** Without any API key. */
  HostileRequest anonymous() {
    return new HostileRequest(method, target, headers, body, false, raw);
  }

  RawHttp.Response send(RawHttp http, String adminKey) {
    if (raw != null) {
      return http.exchange(raw);
    }
    List<String> all = new ArrayList<>();
    if (withKey) {
      all.add("Authorization: Bearer " + adminKey);
    }
    all.addAll(headers);
    return http.send(method + " " + target + " HTTP/1.1", all, body);
  }

  boolean isHead() {
    return method.equals("HEAD");
  }

  /** A multipart/form-data body, part by part, with whatever names and headers a case needs. */
  static final class Form {
    static final String BOUNDARY = "----hostile7MA4YWxkTrZu0gW";

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** A file part; {@code fileName} goes into the header as given, quotes and all. */
    Form file(String field, String fileName, byte[] content) {
      return part(
          "form-data; name=\""
              + field
              + "\"; filename=\""
              + fileName
              + "\"\r\nContent-Type: application/octet-stream",
          content);
    }

    /** A plain field. */
    Form field(String name, String value) {
      return part("form-data; name=\"" + name + "\"", value.getBytes(StandardCharsets.UTF_8));
    }

    /** A part whose Content-Disposition value (and any header lines after it) are given. */
    Form part(String disposition, byte[] content) {
      body.writeBytes(
          ("--" + BOUNDARY + "\r\nContent-Disposition: " + disposition + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(content);
      body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      return this;
    }

    /** The parts and the closing boundary. */
    byte[] bytes() {
      ByteArrayOutputStream closed = new ByteArrayOutputStream();
      closed.writeBytes(body.toByteArray());
      closed.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
      return closed.toByteArray();
    }

    /** The parts without the closing boundary: a body cut short. */
    byte[] unterminated() {
      return body.toByteArray();
    }
  }
}
