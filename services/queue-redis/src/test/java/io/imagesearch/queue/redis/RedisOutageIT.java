package io.imagesearch.queue.redis;

import static io.imagesearch.contract.queue.SampleTasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.imagesearch.core.port.TaskQueue.Delivery;
import io.imagesearch.core.task.IngestTask;
import io.imagesearch.core.task.TaskStatus;
import io.imagesearch.testsupport.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A Redis outage on a private server (appendonly yes, appendfsync always): calls fail with an
 * exception while it is down, and everything enqueued before it is delivered after the restart,
 * including a task that was claimed but not acknowledged.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RedisOutageIT {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Test
  void callsFailWhileRedisIsDownAndNothingEnqueuedBeforeIsLost() {
    try (RedisServer server = RedisServer.start()) {
      LettuceConnectionFactory connections =
          RedisConnections.standalone(server.host(), server.port());
      try {
        StringRedisTemplate redis = new StringRedisTemplate(connections);
        RedisStreamsTaskQueue queue =
            new RedisStreamsTaskQueue(redis, RedisTestSupport.freshConfig(Duration.ofMillis(500)));
        RedisTaskStatusStore statuses =
            new RedisTaskStatusStore(redis, RedisTestSupport.freshConfig(Duration.ofMinutes(1)));
        List<IngestTask> accepted = IntStream.range(0, 5).mapToObj(i -> task(i)).toList();
        accepted.forEach(queue::enqueue);
        TaskStatus pending = TaskStatus.pending(accepted.getFirst(), Instant.now());
        statuses.put(pending);
        Delivery inFlight = queue.poll("worker-a", 1, PATIENCE).getFirst();

        server.stop();

        IngestTask refused = task(99);
        assertThatThrownBy(() -> queue.enqueue(refused)).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> queue.poll("worker-a", 1, Duration.ZERO))
            .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(queue::backlog).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> statuses.get(pending.taskId()))
            .isInstanceOf(DataAccessException.class);

        server.restart();
        // The client reconnects in the background; the bound only keeps a failure from hanging.
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> queue.backlog() >= 0);

        assertThat(queue.backlog()).isEqualTo(accepted.size());
        assertThat(statuses.get(pending.taskId())).contains(pending);
        List<Delivery> delivered = new ArrayList<>();
        long giveUpAt = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (delivered.size() < accepted.size() && System.nanoTime() < giveUpAt) {
          for (Delivery delivery : queue.poll("worker-b", 10, PATIENCE)) {
            delivered.add(delivery);
            queue.acknowledge(delivery);
          }
        }
        assertThat(delivered)
            .extracting(Delivery::task)
            .containsExactlyInAnyOrderElementsOf(accepted)
            .doesNotContain(refused);
        assertThat(delivered)
            .filteredOn(d -> d.task().equals(inFlight.task()))
            .extracting(Delivery::attempt)
            .containsExactly(2);
        assertThat(queue.backlog()).isZero();
      } finally {
        connections.destroy();
      }
    }
  }
}
