package io.imagesearch.web;

import io.imagesearch.application.DependencyUnavailableException;
import io.imagesearch.application.InvalidRequestException;
import io.imagesearch.application.NotFoundException;
import io.imagesearch.imaging.ImageRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every error leaves as application/problem+json with a detail that says what to do. */
@RestControllerAdvice
public class ProblemHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
  private static final String RETRY_AFTER_SECONDS = "5";

  @ExceptionHandler(ImageRejectedException.class)
  ResponseEntity<ProblemDetail> rejected(ImageRejectedException e) {
    HttpStatus status =
        switch (e.reason()) {
          case EMPTY, UNSUPPORTED_FORMAT -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
          case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
          case CORRUPT, TOO_SMALL, ANIMATED, EXTREME_ASPECT_RATIO ->
              HttpStatus.UNPROCESSABLE_CONTENT;
        };
    ProblemDetail problem =
        Problems.of(status, "image-" + e.reason().name().toLowerCase(), e.getMessage());
    problem.setProperty("reason", e.reason().name());
    return respond(problem);
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
    return respond(Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", e.getMessage()));
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
    return respond(Problems.of(HttpStatus.NOT_FOUND, "not-found", e.getMessage()));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> noRoute(NoResourceFoundException e) {
    return respond(
        Problems.of(HttpStatus.NOT_FOUND, "not-found", "no such route: /" + e.getResourcePath()));
  }

  @ExceptionHandler(BackpressureGuard.BacklogFullException.class)
  ResponseEntity<ProblemDetail> backlog(BackpressureGuard.BacklogFullException e) {
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "backlog-full", e.getMessage()));
  }

  @ExceptionHandler(DependencyUnavailableException.class)
  ResponseEntity<ProblemDetail> unavailable(DependencyUnavailableException e) {
    LOG.warn("Dependency unavailable: {}", e.getMessage());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(
            Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "dependency-unavailable",
                "the "
                    + e.dependency()
                    + " is not reachable right now; nothing was stored. Retry"
                    + " after the Retry-After delay."));
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
    return respond(
        Problems.of(
            HttpStatus.CONTENT_TOO_LARGE,
            "upload-too-large",
            "the upload exceeds the size limit of the server; send smaller files or fewer at once"));
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e) {
    return respond(
        Problems.of(
            HttpStatus.BAD_REQUEST,
            "missing-part",
            "the multipart part \""
                + e.getRequestPartName()
                + "\" is missing: send the image as"
                + " multipart/form-data with that field name"));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
    return respond(
        Problems.of(
            HttpStatus.BAD_REQUEST,
            "missing-parameter",
            "the query parameter \"" + e.getParameterName() + "\" is required"));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
    String expected = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
    return respond(
        Problems.of(
            HttpStatus.BAD_REQUEST,
            "invalid-parameter",
            "parameter \""
                + e.getName()
                + "\" must be a valid "
                + expected
                + ", got \""
                + Problems.abbreviate(String.valueOf(e.getValue()))
                + "\""));
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<ProblemDetail> badMultipart(MultipartException e) {
    return respond(
        Problems.of(
            HttpStatus.BAD_REQUEST,
            "invalid-multipart",
            "the request body is not valid multipart/form-data: " + e.getMessage()));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> unsupportedBody(HttpMediaTypeNotSupportedException e) {
    return respond(
        Problems.of(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "unsupported-body",
            "this route takes " + e.getSupportedMediaTypes() + ", not " + e.getContentType()));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> wrongMethod(HttpRequestMethodNotSupportedException e) {
    return respond(
        Problems.of(
            HttpStatus.METHOD_NOT_ALLOWED,
            "method-not-allowed",
            "use " + e.getSupportedHttpMethods() + " on this route, not " + e.getMethod()));
  }

  /** Anything unforeseen: logged in full, answered without internals. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
    if (e instanceof org.springframework.web.ErrorResponse) {
      throw e; // Spring's own 4xx exceptions keep their status
    }
    LOG.error("Unexpected error", e);
    return respond(
        Problems.of(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "internal-error",
            "the server failed to handle the request; it was logged. Retry later or report it."));
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
