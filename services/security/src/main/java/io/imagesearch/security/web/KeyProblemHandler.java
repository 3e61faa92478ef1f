package io.imagesearch.security.web;

import io.imagesearch.security.key.InvalidKeyRequestException;
import io.imagesearch.security.key.KeyStoreException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The key management routes' errors as problem bodies; ahead of any application-wide handler so
 * these routes answer the same in every app.
 */
@RestControllerAdvice(assignableTypes = ApiKeyController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class KeyProblemHandler {

  private static final Logger LOG = LoggerFactory.getLogger(KeyProblemHandler.class);

  @ExceptionHandler(InvalidKeyRequestException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidKeyRequestException e) {
    return respond(HttpStatus.BAD_REQUEST, "invalid-request", e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    return respond(
        HttpStatus.BAD_REQUEST,
        "invalid-request",
        "the body is not the JSON this route takes: send {\"name\": \"importer\", \"scopes\":"
            + " [\"upload\"], \"expires_at\": \"2030-01-31T00:00:00Z\", \"max_images\": 1000,"
            + " \"max_bytes\": 10737418240} (expires_at, max_images and max_bytes optional; the"
            + " quotas whole numbers)");
  }

  @ExceptionHandler(ApiKeyController.UnknownKeyException.class)
  ResponseEntity<ProblemDetail> unknown(ApiKeyController.UnknownKeyException e) {
    return respond(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
  }

  @ExceptionHandler(KeyStoreException.class)
  ResponseEntity<ProblemDetail> unavailable(KeyStoreException e) {
    LOG.warn("API key store unavailable: {}", e.getMessage());
    ResponseEntity<ProblemDetail> response =
        respond(
            HttpStatus.SERVICE_UNAVAILABLE,
            "dependency-unavailable",
            "the API key store is not reachable right now; nothing was changed. Retry after the"
                + " Retry-After delay.");
    return ResponseEntity.status(response.getStatusCode())
        .headers(response.getHeaders())
        .header(HttpHeaders.RETRY_AFTER, "5")
        .body(response.getBody());
  }

  private static ResponseEntity<ProblemDetail> respond(
      HttpStatus status, String type, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create("https://imagesearch.io/problems/" + type));
    problem.setTitle(status.getReasonPhrase());
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
