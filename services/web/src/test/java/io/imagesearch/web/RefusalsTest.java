package io.imagesearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.application.QuotaExceededException;
import io.imagesearch.imaging.ImageRejectedException;
import io.imagesearch.imaging.ImageRejectedException.Reason;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.ProblemDetail;

/** The status of each refusal reason is a contract clients branch on. */
class RefusalsTest {

  @ParameterizedTest
  @CsvSource({
    "EMPTY, 415",
    "UNSUPPORTED_FORMAT, 415",
    "TOO_LARGE, 413",
    "CORRUPT, 422",
    "TOO_SMALL, 422",
    "ANIMATED, 422",
    "EXTREME_ASPECT_RATIO, 422",
    "TRAILING_DATA, 422"
  })
  void eachReasonHasItsStatus(Reason reason, int status) {
    assertThat(Refusals.status(reason).value()).isEqualTo(status);

    ProblemDetail problem =
        Refusals.problem(new ImageRejectedException(reason, "why it was refused"));
    assertThat(problem.getStatus()).isEqualTo(status);
    assertThat(problem.getType())
        .isEqualTo(
            URI.create("https://imagesearch.io/problems/image-" + reason.name().toLowerCase()));
    assertThat(problem.getDetail()).isEqualTo("why it was refused");
    assertThat(problem.getProperties()).containsEntry("reason", reason.name());
  }

  @Test
  void aFileOverItsUploadersQuotaIs429NamingTheQuota() {
    QuotaExceededException over = new QuotaExceededException("max_bytes", "no room left");

    assertThat(Refusals.status(over).value()).isEqualTo(429);
    assertThat(Refusals.status((RuntimeException) new ImageRejectedException(Reason.EMPTY, "")))
        .isEqualTo(Refusals.status(Reason.EMPTY));
    ProblemDetail problem = Refusals.problem(over);
    assertThat(problem.getType())
        .isEqualTo(URI.create("https://imagesearch.io/problems/quota-exceeded"));
    assertThat(problem.getProperties()).containsEntry("quota", "max_bytes");
  }
}
