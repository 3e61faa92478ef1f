package io.imagesearch.web;

import static io.imagesearch.web.ProblemJson.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.imagesearch.imaging.ImageRejectedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** Every kind of error leaves as problem+json with its status, type, title and a useful detail. */
@WebMvcTest(FailingRoutes.class)
class ProblemHandlerTest {

  @Autowired MockMvc mvc;

  @ParameterizedTest(name = "{0} {1} is {2} {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GET    | /failing/invalid           | 400 | invalid-request    | got 0",
        "GET    | /failing/count             | 400 | missing-parameter  | the query parameter \"n\"",
        "POST   | /failing/bad-multipart     | 400 | invalid-multipart  | stream ended unexpectedly",
        "GET    | /failing/not-found         | 404 | not-found          | no image with id abc",
        "GET    | /no/such/route             | 404 | not-found          | no such route: /no/such/route",
        "DELETE | /failing/invalid           | 405 | method-not-allowed | use [GET]",
        "POST   | /failing/upload-too-large  | 413 | upload-too-large   | send smaller files"
      })
  void eachErrorHasItsStatusTypeAndDetail(
      String method, String path, int status, String type, String detail) throws Exception {
    mvc.perform(request(HttpMethod.valueOf(method), path))
        .andExpect(problem(HttpStatus.valueOf(status), type, detail));
  }

  @Test
  void aParameterOfTheWrongTypeIs400WithTheExpectedType() throws Exception {
    mvc.perform(get("/failing/count").param("n", "x".repeat(100)))
        .andExpectAll(
            problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "\"n\" must be a valid int"),
            jsonPath("$.detail").value(containsString("x".repeat(80) + "...")),
            jsonPath("$.detail").value(not(containsString("x".repeat(81)))));
  }

  @Test
  void aMissingMultipartPartIs400NamingIt() throws Exception {
    mvc.perform(
            multipart("/failing/part")
                .file(new MockMultipartFile("other", "a.png", "image/png", new byte[] {1})))
        .andExpect(problem(HttpStatus.BAD_REQUEST, "missing-part", "\"file\""));
  }

  @Test
  void aBodyOfAnotherTypeIs415NamingTheTypeTaken() throws Exception {
    mvc.perform(post("/failing/part").contentType(MediaType.TEXT_PLAIN).content("hi"))
        .andExpect(
            problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-body", "multipart/form-data"));
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void aRefusedImageGetsTheStatusAndTypeOfItsReason(Reason reason) throws Exception {
    mvc.perform(get("/failing/rejected/" + reason))
        .andExpectAll(
            problem(
                Refusals.status(reason),
                "image-" + reason.name().toLowerCase(),
                "the image was refused: " + reason),
            jsonPath("$.reason").value(reason.name()));
  }

  @Test
  void aDiskBelowItsFloorIs507() throws Exception {
    mvc.perform(get("/failing/disk"))
        .andExpect(
            problem(
                HttpStatus.INSUFFICIENT_STORAGE, "insufficient-storage", "disk has 3 bytes free"));
  }

  @Test
  void aFullBacklogIs429WithRetryAfter() throws Exception {
    mvc.perform(get("/failing/backlog"))
        .andExpectAll(
            problem(HttpStatus.TOO_MANY_REQUESTS, "backlog-full", "holds 12 tasks (limit 10)"),
            header().string("Retry-After", "5"));
  }

  @Test
  void anUnreachableDependencyIs503WithRetryAfterAndNoAddress() throws Exception {
    mvc.perform(get("/failing/unavailable"))
        .andExpectAll(
            problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "dependency-unavailable",
                "the vector index is not reachable right now; nothing was stored"),
            header().string("Retry-After", "5"),
            jsonPath("$.detail").value(not(containsString("10.0.0.7"))));
  }

  @Test
  void anIndexThatDoesNotAnswerIs503WithRetryAfterAndNoAddress() throws Exception {
    mvc.perform(get("/failing/index"))
        .andExpectAll(
            problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "dependency-unavailable",
                "the vector index did not answer right now"),
            header().string("Retry-After", "5"),
            jsonPath("$.detail").value(not(containsString("10.0.0.7"))));
  }

  @Test
  void anUnexpectedErrorIs500WithoutInternals() throws Exception {
    mvc.perform(get("/failing/unexpected"))
        .andExpectAll(
            problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "it was logged"),
            content().string(not(containsString("secret"))),
            content().string(not(containsString("IllegalStateException"))));
  }

  @Test
  void springsOwnClientErrorsKeepTheirStatus() throws Exception {
    mvc.perform(get("/failing/json").accept(MediaType.IMAGE_PNG))
        .andExpectAll(
            status().isNotAcceptable(),
            problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "[application/json]"));
  }

  @Test
  void aWrongMethodNamesTheAllowedOnesInTheAllowHeader() throws Exception {
    mvc.perform(request(HttpMethod.DELETE, "/failing/invalid"))
        .andExpectAll(
            problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "use [GET]"),
            header().string("Allow", "GET"));
  }

  @ParameterizedTest(name = "{0} is {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "text=%zz   | invalid-encoding    | not valid percent-encoded UTF-8",
        "text=a%    | invalid-encoding    | not valid percent-encoded UTF-8",
        "=x         | invalid-parameter   | no name",
      })
  void parametersTomcatCannotReadAre400NotAServerError(String query, String type, String detail)
      throws Exception {
    mvc.perform(get("/failing/parameters").param("query", query))
        .andExpect(problem(HttpStatus.BAD_REQUEST, type, detail));
  }

  @Test
  void moreParametersThanTheLimitAre400() throws Exception {
    mvc.perform(get("/failing/parameters").param("query", TomcatFailures.parameters(1001)))
        .andExpect(
            problem(
                HttpStatus.BAD_REQUEST,
                "too-many-parameters",
                "more than 1000 query or form parameters"));
  }

  @Test
  void tooManyMultipartPartsAre413AboutPartsNotSize() throws Exception {
    mvc.perform(post("/failing/too-many-parts"))
        .andExpect(
            problem(
                HttpStatus.CONTENT_TOO_LARGE,
                "too-many-parts",
                "more than 120 parts: send at most 100 files per request"));
  }
}
