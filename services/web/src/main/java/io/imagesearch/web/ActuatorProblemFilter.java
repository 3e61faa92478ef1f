package io.imagesearch.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Gives the actuator's bodiless errors a problem body like every other error: the actuator answers
 * an unknown health group or metric with a bare 404, which neither Spring MVC's error handling nor
 * Tomcat's error report sees. Its answers are small, so they are held until the status is known.
 */
final class ActuatorProblemFilter extends OncePerRequestFilter {

  private final ContainerProblems problems;

  ActuatorProblemFilter(ContainerProblems problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, held);
    if (held.getStatus() >= 400
        && held.getContentSize() == 0
        && !response.isCommitted()
        && !"HEAD".equals(request.getMethod())) {
      ProblemDetail problem =
          held.getStatus() == HttpStatus.NOT_FOUND.value()
              ? Problems.of(
                  HttpStatus.NOT_FOUND,
                  "not-found",
                  "no such actuator endpoint, health group or metric: "
                      + Problems.abbreviate(request.getRequestURI()))
              : problems.answeredByContainer(held.getStatus(), null);
      response.setStatus(problem.getStatus());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write(ProblemReportValve.json(problem));
      return;
    }
    held.copyBodyToResponse();
  }
}
