package io.imagesearch.queue.redis;

import static io.imagesearch.contract.queue.SampleTasks.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.core.port.TaskQueue.Delivery;
import io.imagesearch.core.task.IngestTask;
import io.imagesearch.testsupport.RedisServer;
import io.imagesearch.testsupport.SharedServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.PendingMessages;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Redis-specific behaviour beyond the contract: takeover between processes, retries, poison. */
@ExtendWith(SharedServers.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RedisStreamsTaskQueueIT {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private LettuceConnectionFactory processA;
  private LettuceConnectionFactory processB;
  private StringRedisTemplate redisA;
  private StringRedisTemplate redisB;

  @BeforeEach
  void connect(RedisServer server) {
    processA = RedisConnections.standalone(server.host(), server.port());
    processB = RedisConnections.standalone(server.host(), server.port());
    redisA = new StringRedisTemplate(processA);
    redisB = new StringRedisTemplate(processB);
  }

  @AfterEach
  void disconnect() {
    processA.destroy();
    processB.destroy();
  }

  @Test
  void claimsOfADeadConsumerAreTakenOverByAnotherProcessWithTheAttemptIncremented() {
    RedisQueueConfig config = RedisTestSupport.freshConfig(Duration.ofMillis(500));
    RedisStreamsTaskQueue dying = new RedisStreamsTaskQueue(redisA, config);
    RedisStreamsTaskQueue survivor = new RedisStreamsTaskQueue(redisB, config);
    List<IngestTask> tasks = IntStream.range(0, 3).mapToObj(i -> task(i)).toList();
    tasks.forEach(dying::enqueue);
    List<Delivery> lost = dying.poll("worker-a", 10, PATIENCE);
    assertThat(lost).extracting(Delivery::attempt).containsOnly(1);
    processA.destroy(); // Dies without acknowledging anything.

    List<Delivery> taken = pollUntil(survivor, "worker-b", tasks.size());

    assertThat(taken).extracting(Delivery::task).containsExactlyInAnyOrderElementsOf(tasks);
    assertThat(taken).extracting(Delivery::attempt).containsOnly(2);
    PendingMessages pending =
        redisB.opsForStream().pending(config.keys().tasks(), config.group(), Range.unbounded(), 10);
    assertThat(pending).extracting(PendingMessage::getConsumerName).containsOnly("worker-b");
    taken.forEach(survivor::acknowledge);
    assertThat(survivor.backlog()).isZero();
  }

  @Test
  void aStaleReceiptCannotRetryOrBuryATaskAnotherWorkerHolds() {
    RedisStreamsTaskQueue queue =
        new RedisStreamsTaskQueue(redisA, RedisTestSupport.freshConfig(Duration.ofMillis(500)));
    queue.enqueue(task(1));
    Delivery stale = queue.poll("worker-a", 1, PATIENCE).getFirst();
    Delivery current = queue.poll("worker-b", 1, PATIENCE).getFirst();

    queue.retryLater(stale, Duration.ZERO, "late retry");
    queue.deadLetter(stale, "late burial");

    assertThat(queue.deadLetters(10)).isEmpty();
    assertThat(queue.backlog()).isEqualTo(1);
    queue.acknowledge(current);
    assertThat(queue.backlog()).isZero();
  }

  @Test
  void attemptsKeepIncreasingAcrossRetriesAndTheDeadLetterCarriesTheReason() {
    RedisStreamsTaskQueue queue =
        new RedisStreamsTaskQueue(redisA, RedisTestSupport.freshConfig(Duration.ofMinutes(1)));
    IngestTask task = task(7);
    queue.enqueue(task);

    Delivery delivery = queue.poll("worker-a", 1, PATIENCE).getFirst();
    for (int expected = 1; expected < 3; expected++) {
      assertThat(delivery.attempt()).isEqualTo(expected);
      queue.retryLater(delivery, Duration.ofMillis(10), "embedder busy " + expected);
      assertThat(queue.backlog()).isEqualTo(1);
      delivery = queue.poll("worker-b", 1, PATIENCE).getFirst();
      assertThat(delivery.task()).isEqualTo(task);
    }
    assertThat(delivery.attempt()).isEqualTo(3);
    queue.deadLetter(delivery, "gave up after 3 attempts: embedder busy");

    assertThat(queue.backlog()).isZero();
    List<RedisDeadLetter> dead = queue.deadLetters(10);
    assertThat(dead).hasSize(1);
    assertThat(dead.getFirst().task()).isEqualTo(task);
    assertThat(dead.getFirst().attempts()).isEqualTo(3);
    assertThat(dead.getFirst().reason()).isEqualTo("gave up after 3 attempts: embedder busy");
    assertThat(queue.poll("worker-a", 10, Duration.ofMillis(200))).isEmpty();
  }

  @Test
  void acknowledgeIsIdempotent() {
    RedisStreamsTaskQueue queue =
        new RedisStreamsTaskQueue(redisA, RedisTestSupport.freshConfig(Duration.ofMinutes(1)));
    queue.enqueue(task(1));
    queue.enqueue(task(2));
    Delivery first = queue.poll("worker-a", 1, PATIENCE).getFirst();

    queue.acknowledge(first);
    queue.acknowledge(first);

    assertThat(queue.backlog()).isEqualTo(1);
  }

  @Test
  void anUnreadableEntryIsDeadLetteredInsteadOfBlockingTheQueue() {
    RedisQueueConfig config = RedisTestSupport.freshConfig(Duration.ofMinutes(1));
    RedisStreamsTaskQueue queue = new RedisStreamsTaskQueue(redisA, config);
    redisA
        .opsForStream()
        .add(
            StreamRecords.string(Map.of("v", "99", "task_id", "from-the-future"))
                .withStreamKey(config.keys().tasks()));
    IngestTask healthy = task(2);
    queue.enqueue(healthy);

    List<Delivery> delivered = pollUntil(queue, "worker-a", 1);

    assertThat(delivered).extracting(Delivery::task).containsExactly(healthy);
    assertThat(redisA.opsForStream().size(config.keys().dead())).isEqualTo(1);
    queue.acknowledge(delivered.getFirst());
    assertThat(queue.backlog()).isZero();
  }

  @Test
  void theStreamHoldsOnlyTheBacklog() {
    RedisQueueConfig config = RedisTestSupport.freshConfig(Duration.ofMinutes(1));
    RedisStreamsTaskQueue queue = new RedisStreamsTaskQueue(redisA, config);
    IntStream.range(0, 4).forEach(i -> queue.enqueue(task(i)));
    List<Delivery> claimed = queue.poll("worker-a", 3, PATIENCE);

    queue.acknowledge(claimed.get(0));
    queue.retryLater(claimed.get(1), Duration.ofHours(1), "later");
    queue.deadLetter(claimed.get(2), "broken");

    // One never delivered + none claimed in the stream; one waiting in the delayed set.
    assertThat(redisA.opsForStream().size(config.keys().tasks())).isEqualTo(1);
    assertThat(redisA.opsForZSet().size(config.keys().delayed())).isEqualTo(1);
    assertThat(queue.backlog()).isEqualTo(2);
  }

  private static List<Delivery> pollUntil(RedisStreamsTaskQueue queue, String consumer, int n) {
    List<Delivery> all = new ArrayList<>();
    long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
    while (all.size() < n && System.nanoTime() < giveUpAt) {
      all.addAll(queue.poll(consumer, n - all.size(), PATIENCE));
    }
    return all;
  }
}
