package io.imagesearch.queue.local;

import static io.imagesearch.contract.queue.SampleTasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.core.port.TaskQueue.Delivery;
import io.imagesearch.core.task.IngestTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the contract cannot see: state kept across a reopen, stale claims, and bad set-ups. */
class LocalTaskQueueTest {

  private static final Duration SOON = Duration.ofSeconds(20);

  @TempDir Path dir;

  private LocalTaskQueue open(Duration visibility) {
    return new LocalTaskQueue(new LocalQueueConfig(dir, visibility));
  }

  @Test
  void attemptsAndClaimsSurviveAReopen() {
    IngestTask task = task(1);
    try (LocalTaskQueue queue = open(Duration.ofMillis(300))) {
      queue.enqueue(task);
      assertThat(queue.poll("a", 1, SOON).getFirst().attempt()).isEqualTo(1);
    }
    try (LocalTaskQueue queue = open(Duration.ofMillis(300))) {
      Delivery again = queue.poll("b", 1, SOON).getFirst();
      assertThat(again.task()).isEqualTo(task);
      assertThat(again.attempt()).isEqualTo(2);
    }
  }

  @Test
  void aRetryDueTimeSurvivesAReopen() {
    try (LocalTaskQueue queue = open(Duration.ofSeconds(30))) {
      queue.enqueue(task(1));
      queue.retryLater(queue.poll("a", 1, SOON).getFirst(), Duration.ofHours(1), "busy");
    }
    // A short timeout now: only the stored due time can keep the task back.
    try (LocalTaskQueue queue = open(Duration.ofMillis(300))) {
      assertThat(queue.backlog()).isEqualTo(1);
      assertThat(queue.poll("b", 1, Duration.ofMillis(600))).isEmpty();
    }
  }

  @Test
  void deadLettersKeepTheirReasonAndAttemptsAcrossAReopen() {
    IngestTask task = task(1);
    try (LocalTaskQueue queue = open(Duration.ofSeconds(30))) {
      queue.enqueue(task);
      queue.retryLater(queue.poll("a", 1, SOON).getFirst(), Duration.ZERO, "decoder crashed");
      queue.deadLetter(queue.poll("b", 1, SOON).getFirst(), "decoder crashed twice");
    }
    try (LocalTaskQueue queue = open(Duration.ofSeconds(30))) {
      assertThat(queue.backlog()).isZero();
      assertThat(queue.deadLetters(10))
          .singleElement()
          .satisfies(
              letter -> {
                assertThat(letter.task()).isEqualTo(task);
                assertThat(letter.reason()).isEqualTo("decoder crashed twice");
                assertThat(letter.attempts()).isEqualTo(2);
              });
    }
  }

  @Test
  void anExpiredClaimCannotRescheduleOrBuryTheTaskItsSuccessorHolds() {
    try (LocalTaskQueue queue = open(Duration.ofMillis(200))) {
      queue.enqueue(task(1));
      Delivery stale = queue.poll("a", 1, SOON).getFirst();
      Delivery current = queue.poll("b", 1, SOON).getFirst();

      queue.retryLater(stale, Duration.ofHours(1), "late");
      queue.deadLetter(stale, "late");

      assertThat(queue.deadLetters(10)).isEmpty();
      queue.acknowledge(current);
      assertThat(queue.backlog()).isZero();
    }
  }

  @Test
  void anExpiredClaimMayStillAcknowledgeWorkItFinished() {
    try (LocalTaskQueue queue = open(Duration.ofMillis(200))) {
      queue.enqueue(task(1));
      Delivery stale = queue.poll("a", 1, SOON).getFirst();
      Delivery current = queue.poll("b", 1, SOON).getFirst();

      queue.acknowledge(stale);
      queue.acknowledge(current);

      assertThat(queue.backlog()).isZero();
    }
  }

  @Test
  void aForeignReceiptIsRejected() {
    try (LocalTaskQueue queue = open(Duration.ofSeconds(30))) {
      assertThatThrownBy(() -> queue.acknowledge(new Delivery(task(1), 1, "1-0")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("1-0");
    }
  }

  @Test
  void aSecondQueueOnTheSameDirectoryIsRefused() {
    try (LocalTaskQueue queue = open(Duration.ofSeconds(30))) {
      assertThatThrownBy(() -> open(Duration.ofSeconds(30)))
          .isInstanceOf(LocalStorageException.class)
          .hasMessageContaining(dir.toString())
          .hasMessageContaining("another queue");
    }
    // The first one closed: the directory can be opened again.
    open(Duration.ofSeconds(30)).close();
  }

  @Test
  void aDataDirectoryThatIsAFileIsReportedByName() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

    assertThatThrownBy(() -> new LocalTaskQueue(LocalQueueConfig.of(file)))
        .isInstanceOf(LocalStorageException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not a directory");
  }

  @Test
  void aDataDirectoryThatCannotBeCreatedIsReportedByName() throws Exception {
    Path below = Files.writeString(dir.resolve("file"), "x").resolve("data");

    assertThatThrownBy(() -> new LocalTaskQueue(LocalQueueConfig.of(below)))
        .isInstanceOf(LocalStorageException.class)
        .hasMessageContaining(below.toString())
        .hasMessageContaining("not writable");
  }

  @Test
  void configRejectsMissingOrNonPositiveValues() {
    assertThatThrownBy(() -> new LocalQueueConfig(null, Duration.ofSeconds(1)))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new LocalQueueConfig(dir, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("visibilityTimeout");
    assertThatThrownBy(() -> new LocalQueueConfig(dir, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClosedQueueSaysSo() {
    LocalTaskQueue queue = open(Duration.ofSeconds(30));
    queue.close();

    assertThatThrownBy(() -> queue.enqueue(task(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
