package io.imagesearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.ProblemDetail;

class ContainerProblemsTest {

  private final ContainerProblems problems =
      new ContainerProblems(new HttpLimits(120, TomcatFailures.PARAMETER_LIMIT));

  @ParameterizedTest
  @ValueSource(strings = {"text=%zz", "text=a%", "text=%C0%AF", "%ff=1"})
  void parametersThatAreNotPercentEncodedUtf8Are400SayingHowToEncode(String query) {
    assertThat(problems.readingRequest(TomcatFailures.parsing(query)))
        .hasValueSatisfying(
            problem -> {
              assertProblem(problem, 400, "invalid-encoding");
              assertThat(problem.getDetail()).contains("not valid percent-encoded UTF-8", "%25");
            });
  }

  @Test
  void moreParametersThanTheLimitAre400NamingTheLimit() {
    InvalidParameterException tooMany =
        TomcatFailures.parsing(TomcatFailures.parameters(TomcatFailures.PARAMETER_LIMIT + 1));

    assertThat(problems.readingRequest(tooMany))
        .hasValueSatisfying(
            problem -> {
              assertProblem(problem, 400, "too-many-parameters");
              assertThat(problem.getDetail()).contains("more than 1000 query or form parameters");
            });
  }

  @Test
  void aValueWithoutANameIs400() {
    assertThat(problems.readingRequest(TomcatFailures.parsing("=x")))
        .hasValueSatisfying(
            problem -> {
              assertProblem(problem, 400, "invalid-parameter");
              assertThat(problem.getDetail()).contains("no name");
            });
  }

  @Test
  void tooManyPartsAre413NamingTheLimitAndTheFilesAllowed() {
    assertThat(problems.readingRequest(TomcatFailures.tooManyParts(120)))
        .hasValueSatisfying(
            problem -> {
              assertProblem(problem, 413, "too-many-parts");
              assertThat(problem.getDetail())
                  .contains("more than 120 parts")
                  .contains("at most 100 files per request");
            });
  }

  @Test
  void aFileOrARequestAboveItsLimitIs413NamingTheLimit() {
    assertThat(problems.readingRequest(TomcatFailures.fileTooLarge("big.png", 52_428_800)))
        .hasValueSatisfying(
            problem -> {
              assertProblem(problem, 413, "upload-too-large");
              assertThat(problem.getDetail())
                  .contains("\"big.png\"", "52428800 bytes, the limit per file");
            });
    assertThat(problems.readingRequest(TomcatFailures.requestTooLarge(209_715_200)))
        .hasValueSatisfying(
            problem -> {
              assertProblem(problem, 413, "upload-too-large");
              assertThat(problem.getDetail()).contains("209715200 bytes, the limit per request");
            });
  }

  @Test
  void aPartWhoseHeadersAreTooLargeIs413AboutItsFileNameNotTheBody() {
    assertThat(problems.readingRequest(TomcatFailures.partHeadersTooLarge(2048)))
        .hasValueSatisfying(
            problem -> {
              assertProblem(problem, 413, "part-headers-too-large");
              assertThat(problem.getDetail())
                  .contains("larger than 2048 bytes, the limit per part")
                  .contains("shorter file names")
                  .doesNotContain("request body");
            });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "505 | HTTP version not supported | send HTTP/1.1",
        "501 | Unsupported transfer encoding [gzip] | Transfer-Encoding: chunked alone"
      })
  void anHttpFeatureTheServerDoesNotSpeakIsTheClientsError(
      int status, String message, String detail) {
    ProblemDetail problem = problems.answeredByContainer(status, message);

    assertProblem(problem, 400, "unsupported-protocol");
    assertThat(problem.getDetail()).contains(message).contains(detail);
  }

  @Test
  void otherErrorsAreNotAboutReadingTheRequest() {
    assertThat(problems.readingRequest(new IllegalStateException("boom")))
        .isEqualTo(Optional.empty());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "400 | Invalid character found in the request target [/a<b ] | bad-request | (Invalid character found in the request target [/a<b ])",
        "400 |                                                       | bad-request | percent-encode reserved",
        "400 | Request header is too large                           | bad-request | (Request header is too large): send a shorter request line",
        "404 |                                                       | not-found   | no such route",
        "405 |                                                       | method-not-allowed | the Allow header",
        "413 |                                                       | upload-too-large | larger than the server accepts",
        "414 |                                                       | uri-too-long | request line is too long",
        "431 |                                                       | headers-too-large | headers are too large",
        "408 |                                                       | client-error | Request Timeout",
        "503 | secret internals                                      | internal-error | it was logged",
        "299 |                                                       | internal-error | it was logged"
      })
  void aStatusTheContainerAnsweredByItselfHasAProblemOfItsKind(
      int status, String message, String type, String detail) {
    ProblemDetail problem = problems.answeredByContainer(status, message);

    assertThat(problem.getType()).isEqualTo(URI.create("https://imagesearch.io/problems/" + type));
    assertThat(problem.getDetail()).contains(detail).doesNotContain("secret");
    assertThat(problem.getStatus()).isEqualTo(status < 400 ? 500 : status);
  }

  @Test
  void aLongContainerMessageIsCut() {
    ProblemDetail problem = problems.answeredByContainer(400, "x".repeat(5000));

    assertThat(problem.getDetail())
        .contains("x".repeat(300) + "...")
        .doesNotContain("x".repeat(301));
  }

  private static void assertProblem(ProblemDetail problem, int status, String type) {
    assertThat(problem.getStatus()).isEqualTo(status);
    assertThat(problem.getType()).isEqualTo(URI.create("https://imagesearch.io/problems/" + type));
  }
}
