package io.imagesearch.web;

import static io.imagesearch.web.ProblemJson.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import jakarta.servlet.RequestDispatcher;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.HttpMediaTypeNotAcceptableException;

/**
 * The error page answers what the container dispatches to it, as the servlet specification sets the
 * error attributes, with the problem its cause deserves.
 */
@WebMvcTest(FailingRoutes.class)
class ProblemErrorControllerTest {

  @Autowired MockMvc mvc;

  @Test
  void parametersRefusedBeforeAnyFilterAre400ForTheOriginalPath() throws Exception {
    mvc.perform(
            errorDispatch(400, "/api/v1/search")
                .requestAttr(ParameterCheckFilter.REFUSED, TomcatFailures.parsing("text=%zz")))
        .andExpectAll(
            problem(HttpStatus.BAD_REQUEST, "invalid-encoding", "not valid percent-encoded UTF-8"),
            jsonPath("$.instance").value("/api/v1/search"));
  }

  @Test
  void aParameterFailureThatEscapedAFilterIs400NotThe500TomcatSet() throws Exception {
    mvc.perform(
            errorDispatch(500, "/api/v1/search")
                .requestAttr(
                    RequestDispatcher.ERROR_EXCEPTION,
                    TomcatFailures.parsing(TomcatFailures.parameters(1001))))
        .andExpect(
            problem(
                HttpStatus.BAD_REQUEST,
                "too-many-parameters",
                "more than 1000 query or form parameters"));
  }

  @Test
  void aStatusTheContainerSentItselfGetsItsProblem() throws Exception {
    mvc.perform(errorDispatch(HttpMethod.DELETE, 405, "/"))
        .andExpect(
            problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "the Allow header"));
  }

  @Test
  void springsClientErrorResolvedOutsideTheAdviceKeepsItsStatus() throws Exception {
    mvc.perform(
            errorDispatch(406, "/")
                .requestAttr(
                    RequestDispatcher.ERROR_EXCEPTION,
                    new HttpMediaTypeNotAcceptableException(List.of(MediaType.TEXT_HTML)))
                .accept(MediaType.IMAGE_PNG))
        .andExpect(problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "text/html"));
  }

  @Test
  void aServerErrorShowsNoInternals() throws Exception {
    mvc.perform(
            errorDispatch(500, "/api/v1/search")
                .requestAttr(RequestDispatcher.ERROR_MESSAGE, "secret at db-7.internal")
                .requestAttr(
                    RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("secret")))
        .andExpectAll(
            problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "it was logged"),
            jsonPath("$.detail").value(not(containsString("secret"))));
  }

  @Test
  void theErrorPageAskedForDirectlyIsAnUnknownRoute() throws Exception {
    mvc.perform(get("/error"))
        .andExpect(problem(HttpStatus.NOT_FOUND, "not-found", "no such route: /error"));
  }

  private static MockHttpServletRequestBuilder errorDispatch(int status, String uri) {
    return errorDispatch(HttpMethod.GET, status, uri);
  }

  /** The request the container forwards to the error page for a failed {@code uri}. */
  private static MockHttpServletRequestBuilder errorDispatch(
      HttpMethod method, int status, String uri) {
    return request(method, "/error")
        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, uri);
  }
}
