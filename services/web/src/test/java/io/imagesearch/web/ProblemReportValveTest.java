package io.imagesearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

class ProblemReportValveTest {

  private final ContainerProblems problems = new ContainerProblems(new HttpLimits(120, 1000));

  @Test
  void theBodyIsTheProblemAsJsonWhateverTheClientSent() throws Exception {
    String hostile = "Invalid character found in the request target [/a\"b\\c\u0000</script>é ]";
    ProblemDetail problem = problems.answeredByContainer(400, hostile);

    String json = ProblemReportValve.json(problem);

    assertThat(json.chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
    JsonNode parsed = new ObjectMapper().readTree(json);
    assertThat(parsed.path("type").asText())
        .isEqualTo("https://imagesearch.io/problems/bad-request");
    assertThat(parsed.path("title").asText()).isEqualTo("Bad Request");
    assertThat(parsed.path("status").asInt()).isEqualTo(400);
    assertThat(parsed.path("detail").asText()).isEqualTo(problem.getDetail()).contains(hostile);
  }
}
