package io.imagesearch.security.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers a request Spring Security's firewall refuses (an encoded percent sign, slash or
 * backslash, {@code ..} or {@code ;} in the path, a control character in a header) with a 400
 * problem body, as the API answers every other bad request, instead of a bare error page.
 */
final class RejectedRequestProblems implements RequestRejectedHandler {

  private static final Logger LOG = LoggerFactory.getLogger(RejectedRequestProblems.class);

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
      throws IOException {
    LOG.info("Refused a request from {}: {}", request.getRemoteAddr(), e.getMessage());
    ProblemResponses.write(
        request,
        response,
        HttpStatus.BAD_REQUEST,
        "invalid-request",
        e.getMessage()
            + ": percent-encode each character of the path once, without encoded slashes,"
            + " backslashes or percent signs, '..' segments or ';'",
        Map.of());
  }
}
