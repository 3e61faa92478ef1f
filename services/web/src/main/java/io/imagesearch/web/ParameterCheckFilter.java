package io.imagesearch.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Parses the request's parameters before any filter that could read them, so that parameters Tomcat
 * refuses (invalid percent-encoding, more than the limit) are answered through the error page with
 * their 4xx. Read first by a later filter, they would escape it as an exception that Tomcat logs
 * with its stack trace and answers 500. Multipart bodies are left to Spring's multipart handling,
 * which comes after authentication: parsing them here would store the uploads of clients not
 * authenticated yet.
 */
final class ParameterCheckFilter extends OncePerRequestFilter {

  /** The request attribute naming the refusal for the error page. */
  static final String REFUSED = ParameterCheckFilter.class.getName() + ".refused";

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!isMultipart(request)) {
      try {
        request.getParameterMap();
      } catch (InvalidParameterException e) {
        request.setAttribute(REFUSED, e);
        response.sendError(e.getErrorCode());
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private static boolean isMultipart(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
  }
}
