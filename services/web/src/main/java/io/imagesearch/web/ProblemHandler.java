package io.imagesearch.web;

import io.imagesearch.application.DependencyUnavailableException;
import io.imagesearch.application.InvalidRequestException;
import io.imagesearch.application.NotFoundException;
import io.imagesearch.application.QuotaExceededException;
import io.imagesearch.core.port.IndexUnavailableException;
import io.imagesearch.imaging.ImageRejectedException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
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

/**
 * Every error leaves as application/problem+json with a detail that says what to do. Client errors
 * are logged as one DEBUG line; server errors in full.
 */
@RestControllerAdvice
public class ProblemHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
  private static final String RETRY_AFTER_SECONDS = "5";

  private final ContainerProblems containerProblems;

  ProblemHandler(ContainerProblems containerProblems) {
    this.containerProblems = containerProblems;
  }

  @ExceptionHandler(ImageRejectedException.class)
  ResponseEntity<ProblemDetail> rejected(ImageRejectedException e) {
    return respond(Refusals.problem(e));
  }

  @ExceptionHandler(QuotaExceededException.class)
  ResponseEntity<ProblemDetail> overQuota(QuotaExceededException e) {
    return respond(Refusals.problem(e));
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

  @ExceptionHandler(FreeDiskSpaceGuard.InsufficientStorageException.class)
  ResponseEntity<ProblemDetail> diskFull(FreeDiskSpaceGuard.InsufficientStorageException e) {
    LOG.warn("Upload refused: {}", e.getMessage());
    return respond(
        Problems.of(HttpStatus.INSUFFICIENT_STORAGE, "insufficient-storage", e.getMessage()));
  }

  @ExceptionHandler(DependencyUnavailableException.class)
  ResponseEntity<ProblemDetail> unavailable(DependencyUnavailableException e) {
    LOG.warn("Dependency unavailable: {}", e.getMessage());
    return retryLater(
        "the "
            + e.dependency()
            + " is not reachable right now; nothing was stored. Retry"
            + " after the Retry-After delay.");
  }

  /** A read or delete the index's server did not serve: the server's address stays in the log. */
  @ExceptionHandler(IndexUnavailableException.class)
  ResponseEntity<ProblemDetail> indexUnavailable(IndexUnavailableException e) {
    LOG.warn("Vector index unavailable: {}", e.getMessage());
    return retryLater(
        "the vector index did not answer right now. Retry after the Retry-After delay.");
  }

  private static ResponseEntity<ProblemDetail> retryLater(String detail) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", detail));
  }

  /** Parameters Tomcat could not read: invalid percent-encoding, too many. */
  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<ProblemDetail> unreadableParameters(InvalidParameterException e) {
    return respond(containerProblems.readingRequest(e).orElseThrow());
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
    return respond(
        containerProblems
            .readingRequest(e)
            .orElseGet(
                () ->
                    Problems.of(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "upload-too-large",
                        "the upload exceeds the size limit of the server; send smaller files or"
                            + " fewer at once")));
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
        containerProblems
            .readingRequest(e)
            .orElseGet(
                () ->
                    Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "invalid-multipart",
                        "the request body is not valid multipart/form-data: " + e.getMessage())));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> unsupportedBody(HttpMediaTypeNotSupportedException e) {
    return respond(
        Problems.of(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "unsupported-body",
            "this route takes " + e.getSupportedMediaTypes() + ", not " + e.getContentType()),
        e.getHeaders());
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return respond(
        Problems.of(
            HttpStatus.NOT_ACCEPTABLE,
            "not-acceptable",
            "this route answers "
                + e.getSupportedMediaTypes()
                + " (errors as application/problem+json); send an Accept header that allows one"
                + " of them"),
        e.getHeaders());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> wrongMethod(HttpRequestMethodNotSupportedException e) {
    return respond(
        Problems.of(
            HttpStatus.METHOD_NOT_ALLOWED,
            "method-not-allowed",
            "use " + e.getSupportedHttpMethods() + " on this route, not " + e.getMethod()),
        e.getHeaders());
  }

  /** Anything unforeseen: logged in full, answered without internals. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    if (e instanceof ErrorResponse spring && spring.getStatusCode().is4xxClientError()) {
      // Spring's other client errors keep their status and headers, with Spring's detail.
      return respond(Problems.fromSpring(spring), spring.getHeaders());
    }
    LOG.error("Unexpected error", e);
    HttpStatus status =
        e instanceof ErrorResponse spring && spring.getStatusCode().is5xxServerError()
            ? HttpStatus.valueOf(spring.getStatusCode().value())
            : HttpStatus.INTERNAL_SERVER_ERROR;
    return respond(Problems.internalError(status));
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
    return respond(problem, HttpHeaders.EMPTY);
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, HttpHeaders headers) {
    if (problem.getStatus() < 500) {
      LOG.debug("{}: {}", problem.getStatus(), problem.getDetail());
    }
    return ResponseEntity.status(problem.getStatus())
        .headers(headers)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
