package io.imagesearch.web;

import io.imagesearch.application.QuotaExceededException;
import io.imagesearch.imaging.ImageRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * How a refused file is answered, in one place: a single upload's error response and the status of
 * a batch's rejected file agree for the same reason.
 */
final class Refusals {
  private Refusals() {}

  static HttpStatus status(ImageRejectedException.Reason reason) {
    return switch (reason) {
      case EMPTY, UNSUPPORTED_FORMAT -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
      case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
      case CORRUPT, TOO_SMALL, ANIMATED, EXTREME_ASPECT_RATIO, TRAILING_DATA ->
          HttpStatus.UNPROCESSABLE_CONTENT;
    };
  }

  /**
   * The status of a file a batch refused: its image's reason, or 429 for a file over its uploader's
   * quota (a limit of the client's, which deleting images lifts).
   */
  static HttpStatus status(RuntimeException refusal) {
    return switch (refusal) {
      case ImageRejectedException rejected -> status(rejected.reason());
      case QuotaExceededException quota -> HttpStatus.TOO_MANY_REQUESTS;
      default -> throw new IllegalArgumentException("not a refusal: " + refusal, refusal);
    };
  }

  static ProblemDetail problem(QuotaExceededException e) {
    ProblemDetail problem =
        Problems.of(HttpStatus.TOO_MANY_REQUESTS, "quota-exceeded", e.getMessage());
    problem.setProperty("quota", e.quota());
    return problem;
  }

  static ProblemDetail problem(ImageRejectedException e) {
    ProblemDetail problem =
        Problems.of(status(e.reason()), "image-" + e.reason().name().toLowerCase(), e.getMessage());
    problem.setProperty("reason", e.reason().name());
    return problem;
  }
}
