package io.imagesearch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.application.DependencyUnavailableException;
import io.imagesearch.core.port.TaskQueue;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class BackpressureGuardTest {

  @Test
  void belowTheBoundUploadsPass() {
    new BackpressureGuard(queueWithBacklog(() -> 9), 10).check();
  }

  @Test
  void atTheBoundUploadsGet429WithRetryAfter() {
    BackpressureGuard guard = new BackpressureGuard(queueWithBacklog(() -> 10), 10);

    assertThatThrownBy(guard::check)
        .isInstanceOfSatisfying(
            BackpressureGuard.BacklogFullException.class,
            e -> {
              var response = problemHandler().backlog(e);
              assertThat(response.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
              assertThat(response.getHeaders().getFirst("Retry-After")).isNotBlank();
              assertThat(response.getBody().getDetail())
                  .contains("10 tasks")
                  .contains("Retry-After");
            });
  }

  @Test
  void aQueueThatCannotAnswerMeans503NotAnUnexpectedError() {
    BackpressureGuard guard =
        new BackpressureGuard(
            queueWithBacklog(
                () -> {
                  throw new IllegalStateException("connection refused");
                }),
            10);

    assertThatThrownBy(guard::check)
        .isInstanceOfSatisfying(
            DependencyUnavailableException.class,
            e -> {
              var response = problemHandler().unavailable(e);
              assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
              assertThat(response.getHeaders().getFirst("Retry-After")).isNotBlank();
            });
  }

  private static ProblemHandler problemHandler() {
    return new ProblemHandler(new ContainerProblems(new HttpLimits(120, 1000)));
  }

  private static TaskQueue queueWithBacklog(LongSupplier backlog) {
    InMemoryTaskQueue queue = new InMemoryTaskQueue();
    queue.backlogIs(backlog);
    return queue;
  }
}
