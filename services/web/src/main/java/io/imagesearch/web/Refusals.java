package io.imagesearch.web;

import io.imagesearch.imaging.ImageRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * How a refused image is answered, in one place: a single upload's error response and the status of
 * a batch's rejected file agree for the same reason.
 */
final class Refusals {
  private Refusals() {}

  static HttpStatus status(ImageRejectedException.Reason reason) {
    return switch (reason) {
      case EMPTY, UNSUPPORTED_FORMAT -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
      case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
      case CORRUPT, TOO_SMALL, ANIMATED, EXTREME_ASPECT_RATIO -> HttpStatus.UNPROCESSABLE_CONTENT;
    };
  }

  static ProblemDetail problem(ImageRejectedException e) {
    ProblemDetail problem =
        Problems.of(status(e.reason()), "image-" + e.reason().name().toLowerCase(), e.getMessage());
    problem.setProperty("reason", e.reason().name());
    return problem;
  }
}
