package io.imagesearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ActuatorProblemFilterTest {

  private final ActuatorProblemFilter filter =
      new ActuatorProblemFilter(new ContainerProblems(new HttpLimits(120, 1000)));

  @Test
  void aBare404OfTheActuatorBecomesAProblem() throws Exception {
    MockHttpServletResponse response =
        run("GET", (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(404));

    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(response.getContentAsString(StandardCharsets.UTF_8))
        .contains("\"type\":\"https://imagesearch.io/problems/not-found\"")
        .contains("\"status\":404")
        .contains("no such actuator endpoint, health group or metric: /actuator/health/nothing");
  }

  @Test
  void answersWithABodyPassUnchanged() throws Exception {
    MockHttpServletResponse ok =
        run(
            "GET",
            (req, res) -> {
              res.setContentType("application/json");
              res.getWriter().write("{\"status\":\"UP\"}");
            });
    MockHttpServletResponse refused =
        run(
            "GET",
            (req, res) -> {
              ((jakarta.servlet.http.HttpServletResponse) res).setStatus(401);
              res.getWriter().write("{\"status\":401}");
            });

    assertThat(ok.getContentAsString()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(refused.getStatus()).isEqualTo(401);
    assertThat(refused.getContentAsString()).isEqualTo("{\"status\":401}");
  }

  @Test
  void aHeadKeepsItsEmptyBody() throws Exception {
    MockHttpServletResponse response =
        run("HEAD", (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(404));

    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(response.getContentAsByteArray()).isEmpty();
  }

  private MockHttpServletResponse run(String method, FilterChain chain) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(method, "/actuator/health/nothing");
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, chain);
    return response;
  }
}
