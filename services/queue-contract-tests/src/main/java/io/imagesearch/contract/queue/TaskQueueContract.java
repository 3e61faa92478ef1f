package io.imagesearch.contract.queue;

import static io.imagesearch.contract.queue.SampleTasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.core.port.TaskQueue;
import io.imagesearch.core.port.TaskQueue.Delivery;
import io.imagesearch.core.task.IngestTask;
import io.imagesearch.core.task.TaskId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link TaskQueue} adapter must do. An adapter's test extends this class and creates
 * fresh, empty queues. Waits are upper bounds that keep a broken adapter from hanging the build; no
 * test asserts that anything is fast.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
public abstract class TaskQueueContract {

  /** Long enough that no test sees a claim expire unless it asks for a short timeout. */
  protected static final Duration LONG_VISIBILITY = Duration.ofSeconds(60);

  protected static final Duration SHORT_VISIBILITY = Duration.ofMillis(500);

  /** Generous upper bound for anything that should happen "soon". */
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final List<TaskQueue> created = new ArrayList<>();

  /**
   * A new, empty queue whose claims expire after {@code visibilityTimeout}. Called more than once
   * per test only with different timeouts; each call returns a queue of its own.
   */
  protected abstract TaskQueue createQueue(Duration visibilityTimeout);

  /** The dead letters of {@code queue}, in any order. */
  protected abstract List<ObservedDeadLetter> deadLetters(TaskQueue queue);

  private TaskQueue queue(Duration visibilityTimeout) {
    TaskQueue queue = createQueue(visibilityTimeout);
    created.add(queue);
    return queue;
  }

  private TaskQueue queue() {
    return queue(LONG_VISIBILITY);
  }

  @AfterEach
  void closeQueues() throws Exception {
    for (TaskQueue queue : created) {
      if (queue instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  @Test
  void enqueuedTaskIsDeliveredOnceWithAttemptOne() {
    TaskQueue queue = queue();
    IngestTask task = task(1);

    queue.enqueue(task);

    assertThat(queue.backlog()).isEqualTo(1);
    List<Delivery> deliveries = queue.poll("worker-a", 10, PATIENCE);
    assertThat(deliveries).hasSize(1);
    Delivery delivery = deliveries.getFirst();
    assertThat(delivery.task()).isEqualTo(task);
    assertThat(delivery.attempt()).isEqualTo(1);
    assertThat(delivery.receipt()).isNotBlank();
    assertThat(queue.backlog()).as("claimed is still in the backlog").isEqualTo(1);
  }

  @Test
  void acknowledgedTaskIsGoneForGood() {
    TaskQueue queue = queue(SHORT_VISIBILITY);
    queue.enqueue(task(1));
    queue.enqueue(task(2));
    Delivery first = queue.poll("worker-a", 1, PATIENCE).getFirst();

    queue.acknowledge(first);

    assertThat(queue.backlog()).isEqualTo(1);
    Delivery second = queue.poll("worker-a", 1, PATIENCE).getFirst();
    queue.acknowledge(second);
    assertThat(queue.backlog()).isZero();
    // Three visibility timeouts: an acknowledged task that merely stayed claimed would be back.
    assertThat(queue.poll("worker-b", 10, SHORT_VISIBILITY.multipliedBy(3))).isEmpty();
  }

  @Test
  void acknowledgeAllRemovesEveryAcknowledgedTaskAndOnlyThose() {
    TaskQueue queue = queue(SHORT_VISIBILITY);
    List<IngestTask> tasks = List.of(task(1), task(2), task(3), task(4));
    tasks.forEach(queue::enqueue);
    List<Delivery> batch = queue.poll("worker-a", 3, PATIENCE);
    assertThat(batch).hasSize(3);

    queue.acknowledgeAll(batch.subList(0, 2));
    queue.acknowledgeAll(List.of());

    assertThat(queue.backlog()).isEqualTo(2);
    // The unacknowledged third comes back once its claim expires; the fourth was never claimed.
    Set<TaskId> redelivered = new HashSet<>();
    long deadline = System.nanoTime() + SHORT_VISIBILITY.multipliedBy(10).toNanos();
    while (redelivered.size() < 2 && System.nanoTime() < deadline) {
      queue.poll("worker-b", 10, SHORT_VISIBILITY).forEach(d -> redelivered.add(d.task().taskId()));
    }
    assertThat(redelivered)
        .containsExactlyInAnyOrder(batch.get(2).task().taskId(), tasks.get(3).taskId());
  }

  @Test
  void enqueueAllAddsEveryTaskInOrder() {
    TaskQueue queue = queue();
    List<IngestTask> tasks = List.of(task(1), task(2), task(3));

    queue.enqueueAll(tasks);
    queue.enqueueAll(List.of());

    assertThat(queue.backlog()).isEqualTo(3);
    assertThat(queue.poll("worker-a", 10, PATIENCE))
        .extracting(Delivery::task)
        .containsExactlyElementsOf(tasks);
  }

  @Test
  void claimedTaskIsNotDeliveredToAnotherConsumerWhileClaimed() {
    TaskQueue queue = queue();
    IngestTask task = task(1);
    queue.enqueue(task);
    assertThat(queue.poll("worker-a", 1, PATIENCE))
        .extracting(Delivery::task)
        .containsExactly(task);

    assertThat(queue.poll("worker-b", 10, Duration.ofMillis(300))).isEmpty();
    assertThat(queue.backlog()).isEqualTo(1);
  }

  @Test
  void unacknowledgedClaimIsRedeliveredAfterTheVisibilityTimeout() {
    TaskQueue queue = queue(SHORT_VISIBILITY);
    IngestTask task = task(1);
    queue.enqueue(task);
    Delivery first = queue.poll("worker-a", 1, PATIENCE).getFirst();

    List<Delivery> again = queue.poll("worker-b", 1, PATIENCE);

    assertThat(again).hasSize(1);
    assertThat(again.getFirst().task()).isEqualTo(task);
    assertThat(again.getFirst().attempt()).isEqualTo(first.attempt() + 1);
    assertThat(again.getFirst().receipt()).isNotEqualTo(first.receipt());
    queue.acknowledge(again.getFirst());
    assertThat(queue.backlog()).isZero();
  }

  @Test
  void retryLaterDelaysRedeliveryByAtLeastTheBackoff() {
    TaskQueue queue = queue();
    IngestTask task = task(1);
    queue.enqueue(task);
    Delivery first = queue.poll("worker-a", 1, PATIENCE).getFirst();
    Duration backoff = Duration.ofMillis(700);
    // Wall clock on both sides: adapters compute due times from it, so this bound is exact.
    long retriedAt = System.currentTimeMillis();

    queue.retryLater(first, backoff, "embedder busy");

    assertThat(queue.backlog()).isEqualTo(1);
    List<Delivery> again = queue.poll("worker-b", 1, PATIENCE);
    long redeliveredAt = System.currentTimeMillis();
    assertThat(again).hasSize(1);
    assertThat(again.getFirst().task()).isEqualTo(task);
    assertThat(again.getFirst().attempt()).isEqualTo(2);
    assertThat(redeliveredAt - retriedAt).isGreaterThanOrEqualTo(backoff.toMillis());
  }

  @Test
  void retriedTaskIsNotDueBeforeItsBackoff() {
    TaskQueue queue = queue();
    queue.enqueue(task(1));
    queue.retryLater(
        queue.poll("worker-a", 1, PATIENCE).getFirst(), Duration.ofHours(1), "embedder busy");

    assertThat(queue.poll("worker-a", 10, Duration.ofMillis(300))).isEmpty();
    assertThat(queue.backlog()).isEqualTo(1);
  }

  @Test
  void releasedTaskIsDueAtOnceAndTheReleasedDeliveryDoesNotCount() {
    TaskQueue queue = queue();
    IngestTask task = task(1);
    queue.enqueue(task);
    Delivery first = queue.poll("worker-a", 1, PATIENCE).getFirst();

    queue.release(first);

    assertThat(queue.backlog()).isEqualTo(1);
    // Due at once: a poll that does not wait finds it, long before the visibility timeout.
    List<Delivery> again = queue.poll("worker-b", 1, Duration.ZERO);
    assertThat(again).hasSize(1);
    assertThat(again.getFirst().task()).isEqualTo(task);
    assertThat(again.getFirst().attempt()).isEqualTo(1);
    assertThat(again.getFirst().receipt()).isNotEqualTo(first.receipt());
    queue.acknowledge(again.getFirst());
    assertThat(queue.backlog()).isZero();
  }

  @Test
  void aReleaseKeepsTheAttemptsOfEarlierRetries() {
    TaskQueue queue = queue();
    queue.enqueue(task(1));
    queue.retryLater(queue.poll("worker-a", 1, PATIENCE).getFirst(), Duration.ZERO, "busy");
    Delivery second = queue.poll("worker-a", 1, PATIENCE).getFirst();
    assertThat(second.attempt()).isEqualTo(2);

    queue.release(second);

    assertThat(queue.poll("worker-b", 1, PATIENCE).getFirst().attempt()).isEqualTo(2);
  }

  @Test
  void releaseAllGivesBackEveryClaimGivenAndOnlyThose() {
    TaskQueue queue = queue();
    List<IngestTask> tasks = List.of(task(1), task(2), task(3));
    queue.enqueueAll(tasks);
    List<Delivery> batch = queue.poll("worker-a", 3, PATIENCE);
    assertThat(batch).hasSize(3);

    queue.releaseAll(batch.subList(0, 2));
    queue.releaseAll(List.of());

    List<Delivery> again = queue.poll("worker-b", 10, Duration.ZERO);
    assertThat(again)
        .extracting(Delivery::task)
        .containsExactlyInAnyOrder(tasks.get(0), tasks.get(1));
    assertThat(again).extracting(Delivery::attempt).containsOnly(1);
    queue.acknowledgeAll(again);
    queue.acknowledge(batch.get(2));
    assertThat(queue.backlog()).isZero();
  }

  @Test
  void aReleaseAfterTheClaimWasTakenOverIsIgnored() {
    TaskQueue queue = queue(SHORT_VISIBILITY);
    IngestTask task = task(1);
    queue.enqueue(task);
    Delivery stale = queue.poll("worker-a", 1, PATIENCE).getFirst();
    Delivery current = queue.poll("worker-b", 1, PATIENCE).getFirst();
    assertThat(current.attempt()).isEqualTo(2);

    queue.release(stale);

    // Nothing was given back: the task is still one, and worker-b's acknowledge ends it.
    assertThat(queue.backlog()).isEqualTo(1);
    queue.acknowledge(current);
    assertThat(queue.backlog()).isZero();
  }

  @Test
  void deadLetterLeavesTheBacklogAndIsListedWithItsReason() {
    TaskQueue queue = queue();
    IngestTask doomed = task(1);
    IngestTask healthy = task(2);
    queue.enqueue(doomed);
    queue.enqueue(healthy);
    Delivery delivery = queue.poll("worker-a", 1, PATIENCE).getFirst();

    queue.deadLetter(delivery, "not an image: unknown format");

    assertThat(queue.backlog()).isEqualTo(1);
    assertThat(deadLetters(queue))
        .containsExactly(new ObservedDeadLetter(doomed, "not an image: unknown format"));
    List<Delivery> rest = queue.poll("worker-b", 10, PATIENCE);
    assertThat(rest).extracting(Delivery::task).containsExactly(healthy);
    queue.acknowledge(rest.getFirst());
    // The backlog counts claimed tasks too, so an empty one means the dead task cannot return.
    assertThat(queue.backlog()).isZero();
  }

  @Test
  void pollOnAnEmptyQueueWaitsThenReturnsNothing() {
    TaskQueue queue = queue();
    Duration wait = Duration.ofMillis(300);
    long start = System.nanoTime();

    List<Delivery> deliveries = queue.poll("worker-a", 1, wait);

    assertThat(deliveries).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(wait);
    assertThat(queue.poll("worker-a", 1, Duration.ZERO)).isEmpty();
  }

  @Test
  void waitingPollReceivesATaskEnqueuedMeanwhile() throws Exception {
    TaskQueue queue = queue();
    IngestTask task = task(1);
    try (ExecutorService executor = Executors.newSingleThreadExecutor()) {
      Future<List<Delivery>> polled = executor.submit(() -> queue.poll("worker-a", 1, PATIENCE));
      Thread.sleep(200);

      queue.enqueue(task);

      assertThat(polled.get(PATIENCE.toSeconds() * 2, TimeUnit.SECONDS))
          .extracting(Delivery::task)
          .containsExactly(task);
    }
  }

  @Test
  void batchPollReturnsAtMostMax() {
    TaskQueue queue = queue();
    List<IngestTask> tasks = IntStream.range(0, 5).mapToObj(SampleTasks::task).toList();
    tasks.forEach(queue::enqueue);

    List<Delivery> first = queue.poll("worker-a", 3, PATIENCE);
    List<Delivery> second = queue.poll("worker-a", 3, PATIENCE);

    assertThat(first).hasSize(3);
    assertThat(second).hasSize(2);
    List<IngestTask> delivered = new ArrayList<>();
    first.forEach(d -> delivered.add(d.task()));
    second.forEach(d -> delivered.add(d.task()));
    assertThat(delivered).containsExactlyInAnyOrderElementsOf(tasks);
  }

  @Test
  void dueTasksAreDeliveredInEnqueueOrder() {
    TaskQueue queue = queue();
    List<IngestTask> tasks = IntStream.range(0, 10).mapToObj(SampleTasks::task).toList();
    tasks.forEach(queue::enqueue);

    List<IngestTask> delivered = new ArrayList<>();
    queue.poll("worker-a", 4, PATIENCE).forEach(d -> delivered.add(d.task()));
    while (delivered.size() < tasks.size()) {
      List<Delivery> next = queue.poll("worker-a", 1, PATIENCE);
      assertThat(next).as("tasks left after %s", delivered.size()).isNotEmpty();
      delivered.add(next.getFirst().task());
    }

    assertThat(delivered).containsExactlyElementsOf(tasks);
  }

  @Test
  void pollRejectsANonPositiveMax() {
    TaskQueue queue = queue();

    assertThatThrownBy(() -> queue.poll("worker-a", 0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fourConsumersDrainingTogetherGetEachTaskExactlyOnce() throws Exception {
    TaskQueue queue = queue();
    int count = 500;
    List<TaskId> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      IngestTask task = task(i);
      ids.add(task.taskId());
      queue.enqueue(task);
    }
    Map<TaskId, AtomicInteger> seen = new ConcurrentHashMap<>();
    AtomicInteger acknowledged = new AtomicInteger();

    try (ExecutorService consumers = Executors.newFixedThreadPool(4)) {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        String consumer = "worker-" + c;
        running.add(
            consumers.submit(
                () -> {
                  long giveUpAt = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                  while (acknowledged.get() < count && System.nanoTime() < giveUpAt) {
                    for (Delivery d : queue.poll(consumer, 7, Duration.ofMillis(100))) {
                      seen.computeIfAbsent(d.task().taskId(), id -> new AtomicInteger())
                          .incrementAndGet();
                      queue.acknowledge(d);
                      acknowledged.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> consumer : running) {
        consumer.get();
      }
    }

    assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(seen.values()).allSatisfy(times -> assertThat(times.get()).isEqualTo(1));
    assertThat(queue.backlog()).isZero();
  }

  @Test
  void oldestAcceptedAtIsTheFirstQueuedTaskAndEmptyWhenDrained() {
    TaskQueue queue = createQueue(Duration.ofSeconds(30));
    assertThat(queue.oldestAcceptedAt()).isEmpty();
    IngestTask first = task(900);
    queue.enqueue(first);
    queue.enqueue(task(901));

    assertThat(queue.oldestAcceptedAt()).contains(first.acceptedAt());

    for (int i = 0; i < 10 && queue.backlog() > 0; i++) {
      queue.poll("drainer", 10, Duration.ofMillis(200)).forEach(queue::acknowledge);
    }
    assertThat(queue.oldestAcceptedAt()).isEmpty();
  }
}
