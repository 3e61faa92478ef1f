package io.imagesearch.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultMatcher;

/** What every error response must be: RFC 9457 problem+json with the project's type URIs. */
final class ProblemJson {
  private ProblemJson() {}

  static ResultMatcher problem(HttpStatus status, String type, String detailPart) {
    List<ResultMatcher> matchers =
        List.of(
            status().is(status.value()),
            content().contentType(MediaType.APPLICATION_PROBLEM_JSON),
            jsonPath("$.type").value("https://imagesearch.io/problems/" + type),
            jsonPath("$.title").value(status.getReasonPhrase()),
            jsonPath("$.status").value(status.value()),
            jsonPath("$.detail").value(containsString(detailPart)));
    return result -> {
      for (ResultMatcher matcher : matchers) {
        matcher.match(result);
      }
    };
  }
}
