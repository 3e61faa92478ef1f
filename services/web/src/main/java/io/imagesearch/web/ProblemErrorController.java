package io.imagesearch.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * The application's error page, in place of Spring Boot's JSON one: the errors that did not come
 * through {@link ProblemHandler} (the container's own statuses, such as 405 for TRACE, an exception
 * that escaped a filter, parameters {@link ParameterCheckFilter} refused) as problem+json with the
 * status the cause deserves. Only where a servlet container runs: the embedded app's {@code import}
 * command has none, and no error attributes either.
 */
@Hidden
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorController.class);

  private final ErrorAttributes errorAttributes;
  private final ContainerProblems problems;

  ProblemErrorController(ErrorAttributes errorAttributes, ContainerProblems problems) {
    this.errorAttributes = errorAttributes;
    this.problems = problems;
  }

  @RequestMapping
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status)) {
      // Asked for by a client, not dispatched for an error.
      return respond(
          Problems.of(
              HttpStatus.NOT_FOUND, "not-found", "no such route: " + request.getRequestURI()));
    }
    Throwable error = cause(request);
    String message = (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    ProblemDetail problem = problemFor(status, error, message);
    String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    instance(uri).ifPresent(problem::setInstance);
    if (problem.getStatus() >= 500) {
      LOG.warn("{} for {} {}: {}", problem.getStatus(), request.getMethod(), uri, message);
    } else {
      LOG.debug(
          "{} for {} {}: {}", problem.getStatus(), request.getMethod(), uri, problem.getDetail());
    }
    return respond(problem);
  }

  private Throwable cause(HttpServletRequest request) {
    if (request.getAttribute(ParameterCheckFilter.REFUSED) instanceof Throwable refused) {
      return refused;
    }
    return errorAttributes.getError(new ServletWebRequest(request));
  }

  private ProblemDetail problemFor(int status, Throwable error, String message) {
    if (error != null) {
      Optional<ProblemDetail> reading = problems.readingRequest(error);
      if (reading.isPresent()) {
        return reading.get();
      }
      if (error instanceof ErrorResponse spring && spring.getStatusCode().is4xxClientError()) {
        return Problems.fromSpring(spring);
      }
    }
    return problems.answeredByContainer(status, message);
  }

  /** The original request's path; left out when it is not a valid URI reference. */
  private static Optional<URI> instance(String uri) {
    try {
      return Optional.ofNullable(uri).map(URI::create);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
