package io.imagesearch.delivery;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem answer of the delivery port, in the form the Spring services send (type under
 * https://imagesearch.io/problems/, title, status, detail, instance, extra members), with the
 * response headers it needs besides the content type.
 */
record Problem(
    int status,
    String type,
    String detail,
    Map<String, String> extra,
    Map<String, String> headers) {

  Problem {
    extra = Map.copyOf(extra);
    headers = Map.copyOf(headers);
  }

  static Problem of(int status, String type, String detail) {
    return new Problem(status, type, detail, Map.of(), Map.of());
  }

  Problem withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Problem(status, type, detail, extra, more);
  }

  Problem withMember(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(extra);
    more.put(name, value);
    return new Problem(status, type, detail, more, headers);
  }

  String title() {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 416 -> "Requested Range Not Satisfiable";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      default -> "Internal Server Error";
    };
  }

  byte[] body(String instance) {
    StringBuilder json = new StringBuilder(256);
    json.append("{\"type\":\"https://imagesearch.io/problems/").append(type).append('"');
    member(json, "title", title());
    json.append(",\"status\":").append(status);
    member(json, "detail", detail);
    member(json, "instance", instance);
    extra.forEach((name, value) -> member(json, name, value));
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A value from a request (path, header) cut to a length a message can carry. */
  static String abbreviate(String value) {
    return value.length() > 80 ? value.substring(0, 80) + "..." : value;
  }

  private static void member(StringBuilder json, String name, String value) {
    json.append(",\"").append(name).append("\":\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
