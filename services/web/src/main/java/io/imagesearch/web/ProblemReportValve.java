package io.imagesearch.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error report as problem+json instead of its HTML page, for the errors the application
 * never sees: a request line Tomcat cannot parse, a path it refuses (invalid percent-encoding, an
 * encoded '/', '..' above the root), or an error page that failed. The application's own error page
 * ({@link ProblemErrorController}) answers everything that reaches it; this valve writes only when
 * nothing was written.
 */
final class ProblemReportValve extends ErrorReportValve {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemReportValve.class);

  private final ContainerProblems problems;

  ProblemReportValve(ContainerProblems problems) {
    this.problems = problems;
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    // As the HTML report: not for successes, not over a body, and only once per response.
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    String cause = throwable != null ? throwable.getMessage() : response.getMessage();
    ProblemDetail problem = problems.answeredByContainer(status, cause);
    LOG.debug("{} for {} {}: {}", status, request.getMethod(), request.getRequestURI(), cause);
    try {
      response.setStatus(problem.getStatus());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(json(problem));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      LOG.debug("The error report for {} could not be written", request.getRequestURI(), e);
    }
  }

  /** The fields of the problem Tomcat can write without Spring's message converters. */
  static String json(ProblemDetail problem) {
    return "{\"type\":"
        + quote(String.valueOf(problem.getType()))
        + ",\"title\":"
        + quote(problem.getTitle())
        + ",\"status\":"
        + problem.getStatus()
        + ",\"detail\":"
        + quote(problem.getDetail())
        + "}";
  }

  /** A JSON string; everything outside printable ASCII is escaped, whatever the client sent. */
  private static String quote(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
