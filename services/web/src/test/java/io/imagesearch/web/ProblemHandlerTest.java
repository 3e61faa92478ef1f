package io.imagesearch.web;

import static io.imagesearch.web.ProblemJson.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.imagesearch.imaging.ImageRejectedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** Every kind of error leaves as problem+json with its status, type, title and a useful detail. */
@WebMvcTest(FailingRoutes.class)
class ProblemHandlerTest {

  @Autowired MockMvc mvc;

  @Test
  void anInvalidRequestIs400WithTheMessage() throws Exception {
    mvc.perform(get("/failing/invalid"))
        .andExpect(problem(HttpStatus.BAD_REQUEST, "invalid-request", "got 0"));
  }

  @Test
  void aMissingParameterIs400NamingIt() throws Exception {
    mvc.perform(get("/failing/count"))
        .andExpect(
            problem(HttpStatus.BAD_REQUEST, "missing-parameter", "the query parameter \"n\""));
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
  void aBrokenMultipartBodyIs400() throws Exception {
    mvc.perform(post("/failing/bad-multipart"))
        .andExpect(
            problem(HttpStatus.BAD_REQUEST, "invalid-multipart", "stream ended unexpectedly"));
  }

  @Test
  void aBodyOfAnotherTypeIs415NamingTheTypeTaken() throws Exception {
    mvc.perform(post("/failing/part").contentType(MediaType.TEXT_PLAIN).content("hi"))
        .andExpect(
            problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-body", "multipart/form-data"));
  }

  @Test
  void aMissingThingIs404() throws Exception {
    mvc.perform(get("/failing/not-found"))
        .andExpect(problem(HttpStatus.NOT_FOUND, "not-found", "no image with id abc"));
  }

  @Test
  void anUnknownRouteIs404NamingIt() throws Exception {
    mvc.perform(get("/no/such/route"))
        .andExpect(problem(HttpStatus.NOT_FOUND, "not-found", "no such route: /no/such/route"));
  }

  @Test
  void aWrongMethodIs405NamingTheRightOne() throws Exception {
    mvc.perform(delete("/failing/invalid"))
        .andExpect(problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "use [GET]"));
  }

  @Test
  void anUploadAboveTheServersLimitIs413() throws Exception {
    mvc.perform(post("/failing/upload-too-large"))
        .andExpect(problem(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "send smaller files"));
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
        .andExpect(status().isNotAcceptable());
  }
}
