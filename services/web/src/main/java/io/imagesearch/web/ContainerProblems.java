package io.imagesearch.web;

import java.util.Optional;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeLimitExceededException;
import org.apache.tomcat.util.res.StringManager;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problems for what the servlet container refuses: a request it cannot read (parameters that
 * are not valid percent-encoding, too many of them, too many or too large multipart parts) and the
 * statuses it answers on its own (a malformed request line, a method it does not serve). One
 * mapping for the controller advice, the error page and the Tomcat valve, so a refusal reads the
 * same wherever it is caught.
 */
final class ContainerProblems {

  /** Tomcat's own messages, to tell its parameter failures apart (they share one exception). */
  private static final StringManager TOMCAT_MESSAGES =
      StringManager.getManager("org.apache.tomcat.util.http");

  private static final int MAX_CONTAINER_MESSAGE = 300;

  /** How Tomcat's multipart parser starts the message of a part whose headers are too large. */
  private static final String PART_HEADERS_MESSAGE = "Header section has more than";

  private final HttpLimits limits;

  ContainerProblems(HttpLimits limits) {
    this.limits = limits;
  }

  /**
   * The problem for an error raised while the container read the request, when {@code error} or one
   * of its causes is one: Spring wraps Tomcat's multipart failures, and Tomcat wraps its upload
   * limits in an {@link InvalidParameterException}.
   */
  Optional<ProblemDetail> readingRequest(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      Optional<ProblemDetail> upload = uploadLimit(cause);
      if (upload.isPresent()) {
        return upload;
      }
    }
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidParameterException invalid) {
        return Optional.of(parameters(invalid));
      }
    }
    return Optional.empty();
  }

  private Optional<ProblemDetail> uploadLimit(Throwable cause) {
    return Optional.ofNullable(
        switch (cause) {
          case FileCountLimitExceededException e ->
              Problems.of(
                  HttpStatus.CONTENT_TOO_LARGE,
                  "too-many-parts",
                  "the multipart body has more than "
                      + e.getLimit()
                      + " parts: send at most "
                      + IngestApiController.MAX_FILES_PER_REQUEST
                      + " files per request, with their tags fields");
          case FileSizeLimitExceededException e ->
              Problems.of(
                  HttpStatus.CONTENT_TOO_LARGE,
                  "upload-too-large",
                  "the file \""
                      + Problems.abbreviate(e.getFileName())
                      + "\" is larger than "
                      + e.getPermittedSize()
                      + " bytes, the limit per file; send a smaller file");
          // Tomcat raises the same exception, with its own message, for a part's headers.
          case SizeLimitExceededException e
              when e.getMessage() != null && e.getMessage().startsWith(PART_HEADERS_MESSAGE) ->
              Problems.of(
                  HttpStatus.CONTENT_TOO_LARGE,
                  "part-headers-too-large",
                  "the headers of a multipart part are larger than "
                      + e.getPermittedSize()
                      + " bytes, the limit per part: send shorter file names");
          case SizeLimitExceededException e ->
              Problems.of(
                  HttpStatus.CONTENT_TOO_LARGE,
                  "upload-too-large",
                  "the request body is larger than "
                      + e.getPermittedSize()
                      + " bytes, the limit per request; send fewer or smaller files at once");
          default -> null;
        });
  }

  private ProblemDetail parameters(InvalidParameterException e) {
    if (e.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value()) {
      return Problems.of(
          HttpStatus.CONTENT_TOO_LARGE,
          "upload-too-large",
          "the request body is larger than the server accepts; send less at once");
    }
    String tooMany = TOMCAT_MESSAGES.getString("parameters.maxCountFail", limits.maxParameters());
    if (tooMany.equals(e.getMessage())) {
      return Problems.of(
          HttpStatus.BAD_REQUEST,
          "too-many-parameters",
          "the request has more than "
              + limits.maxParameters()
              + " query or form parameters; send at most "
              + limits.maxParameters());
    }
    if (e.getCause() != null) {
      return Problems.of(
          HttpStatus.BAD_REQUEST,
          "invalid-encoding",
          "a query or form parameter is not valid percent-encoded UTF-8: write '%' as %25 and"
              + " every byte of other reserved or non-ASCII characters as %XX");
    }
    return Problems.of(
        HttpStatus.BAD_REQUEST,
        "invalid-parameter",
        "a query or form parameter has a value but no name: send name=value pairs joined by '&'");
  }

  /**
   * The problem for a status the container answered by itself, with what it said about the cause
   * when it said anything (Tomcat names the invalid character of a request line, for one). Its
   * status may differ from the container's: Tomcat answers a request it cannot read because of the
   * client's HTTP version, method or transfer coding with 505 or 501, which read as failures of the
   * server; they are the client's, and answered 400.
   */
  ProblemDetail answeredByContainer(int status, String containerMessage) {
    HttpStatus known = HttpStatus.resolve(status);
    if (known == null || status < 400) {
      known = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    String cause =
        containerMessage == null || containerMessage.isBlank()
            ? ""
            : " (" + abbreviate(containerMessage.strip()) + ")";
    return switch (known) {
      case HTTP_VERSION_NOT_SUPPORTED ->
          Problems.of(
              HttpStatus.BAD_REQUEST,
              "unsupported-protocol",
              "the request's HTTP version is not one this server speaks"
                  + cause
                  + ": send HTTP/1.1");
      case NOT_IMPLEMENTED ->
          Problems.of(
              HttpStatus.BAD_REQUEST,
              "unsupported-protocol",
              "the request uses a method or transfer coding this server does not implement"
                  + cause
                  + ": send a method the route takes, and a body framed by Content-Length or"
                  + " Transfer-Encoding: chunked alone");
      case BAD_REQUEST -> Problems.of(known, "bad-request", malformed(cause));
      case NOT_FOUND -> Problems.of(known, "not-found", "no such route" + cause);
      case METHOD_NOT_ALLOWED ->
          Problems.of(
              known,
              "method-not-allowed",
              "this route does not take this method; the Allow header lists the ones it takes");
      case CONTENT_TOO_LARGE ->
          Problems.of(
              known,
              "upload-too-large",
              "the request body is larger than the server accepts; send less at once");
      case URI_TOO_LONG ->
          Problems.of(known, "uri-too-long", "the request line is too long; send a shorter query");
      case REQUEST_HEADER_FIELDS_TOO_LARGE ->
          Problems.of(
              known,
              "headers-too-large",
              "the request headers are too large; send fewer or shorter ones");
      default ->
          known.is4xxClientError()
              ? Problems.of(known, "client-error", known.getReasonPhrase() + cause)
              : Problems.internalError(known);
    };
  }

  /** What to fix in a request Tomcat refused as malformed: its size, or its characters. */
  private static String malformed(String cause) {
    String fix =
        cause.contains("too large")
            ? "send a shorter request line and fewer or shorter headers"
            : "percent-encode reserved and non-ASCII characters of the path and query as %XX, and"
                + " send no '..' or encoded '/' in the path";
    return "the request is malformed" + cause + ": " + fix;
  }

  private static String abbreviate(String message) {
    return message.length() > MAX_CONTAINER_MESSAGE
        ? message.substring(0, MAX_CONTAINER_MESSAGE) + "..."
        : message;
  }
}
