package io.imagesearch.security.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem bodies written straight to the servlet response, for answers given by the
 * security filters before any controller runs. Same shape and type URIs as the API's own errors.
 */
final class ProblemResponses {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ProblemResponses() {}

  static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      String type,
      String detail,
      Map<String, Object> properties)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "https://imagesearch.io/problems/" + type);
    body.put("title", status.getReasonPhrase());
    body.put("status", status.value());
    body.put("detail", detail);
    body.put("instance", request.getRequestURI());
    body.putAll(properties);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    // JSON is UTF-8 by definition (RFC 8259): bytes, and no charset parameter, as the API's own.
    response.getOutputStream().write(JSON.writeValueAsBytes(body));
    response.flushBuffer();
  }
}
