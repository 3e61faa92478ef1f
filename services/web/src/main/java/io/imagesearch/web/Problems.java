package io.imagesearch.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/** RFC 9457 problem bodies with a stable type URI per kind of error. */
final class Problems {
  private Problems() {}

  static ProblemDetail of(HttpStatus status, String type, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create("https://imagesearch.io/problems/" + type));
    problem.setTitle(status.getReasonPhrase());
    return problem;
  }

  /** A failure of the server ({@code status} 5xx): its cause is logged, never shown. */
  static ProblemDetail internalError(HttpStatus status) {
    return of(
        status,
        "internal-error",
        "the server failed to handle the request; it was logged. Retry later or report it.");
  }

  /**
   * One of Spring MVC's own client errors (a missing header, an invalid body) that has no handler
   * of its own: its status and Spring's detail, under the type of that status.
   */
  static ProblemDetail fromSpring(ErrorResponse error) {
    HttpStatus status = HttpStatus.valueOf(error.getStatusCode().value());
    String type =
        switch (status) {
          case BAD_REQUEST -> "invalid-request";
          case NOT_FOUND -> "not-found";
          case METHOD_NOT_ALLOWED -> "method-not-allowed";
          case NOT_ACCEPTABLE -> "not-acceptable";
          case CONTENT_TOO_LARGE -> "upload-too-large";
          case UNSUPPORTED_MEDIA_TYPE -> "unsupported-body";
          default -> "client-error";
        };
    String detail = error.getBody().getDetail();
    return of(status, type, detail == null ? status.getReasonPhrase() : detail);
  }

  static String abbreviate(String value) {
    if (value == null) {
      return "null";
    }
    return value.length() > 80 ? value.substring(0, 80) + "..." : value;
  }
}
