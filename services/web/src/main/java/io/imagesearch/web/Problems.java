package io.imagesearch.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem bodies with a stable type URI per kind of error. */
final class Problems {
  private Problems() {}

  static ProblemDetail of(HttpStatus status, String type, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create("https://imagesearch.io/problems/" + type));
    problem.setTitle(status.getReasonPhrase());
    return problem;
  }

  static String abbreviate(String value) {
    if (value == null) {
      return "null";
    }
    return value.length() > 80 ? value.substring(0, 80) + "..." : value;
  }
}
