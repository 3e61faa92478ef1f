package io.imagesearch.queue.local;

import static io.imagesearch.contract.queue.SampleTasks.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.core.port.TaskQueue.Delivery;
import io.imagesearch.core.task.IngestTask;
import io.imagesearch.core.task.TaskId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real JVM using the queue with SIGKILL (no shutdown hooks, no flushing) and checks that
 * whatever it was told had happened did happen. Asserts on outcomes only, never on timings.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CrashSafetyTest {

  @TempDir Path dir;

  @Test
  void everyEnqueueThatReturnedSurvivesKillDashNine() throws Exception {
    Path data = dir.resolve("data");
    Set<TaskId> reported = new HashSet<>();

    try (Child child = Child.start(dir, "enqueue", data.toString(), "200")) {
      // Kill part-way: after 50 confirmed enqueues the child is very likely still writing.
      for (String line : child.readLines(50)) {
        reported.add(new TaskId(line.substring("enqueued ".length())));
      }
      // Lines the child printed but this test had not read are lost with the kill; their tasks
      // are delivered as extras, which the check below allows.
      child.kill();
    }

    try (LocalTaskQueue queue = new LocalTaskQueue(LocalQueueConfig.of(data))) {
      Map<TaskId, Integer> delivered = drain(queue, reported);
      assertThat(delivered.keySet()).containsAll(reported);
      // Nothing was claimed before the kill, so nothing comes twice or as a retry.
      assertThat(delivered.values()).containsOnly(1);
      assertThat(queue.backlog()).isZero();
    }
  }

  @Test
  void claimsOfAKilledWorkerAreDeliveredAgainAfterTheVisibilityTimeout() throws Exception {
    Path data = dir.resolve("data");
    List<IngestTask> tasks = new ArrayList<>();
    try (LocalTaskQueue queue = new LocalTaskQueue(LocalQueueConfig.of(data))) {
      for (int i = 0; i < 100; i++) {
        tasks.add(task(i));
        queue.enqueue(tasks.getLast());
      }
    }
    Set<TaskId> claimedByTheDead = new HashSet<>();

    try (Child child = Child.start(dir, "claim", data.toString(), "1000")) {
      for (String line : child.readLines(20)) {
        claimedByTheDead.add(new TaskId(line.split(" ")[1]));
      }
      child.kill();
    }

    try (LocalTaskQueue queue =
        new LocalTaskQueue(new LocalQueueConfig(data, Duration.ofSeconds(30)))) {
      Set<TaskId> all = new HashSet<>();
      tasks.forEach(t -> all.add(t.taskId()));
      Map<TaskId, Integer> delivered = drain(queue, all);

      assertThat(delivered.keySet()).containsExactlyInAnyOrderElementsOf(all);
      // The dead worker's attempt was counted durably, so each of its tasks comes back as a retry.
      for (TaskId id : claimedByTheDead) {
        assertThat(delivered.get(id)).as("attempt of %s", id).isGreaterThanOrEqualTo(2);
      }
      assertThat(queue.backlog()).isZero();
    }
  }

  /**
   * Polls and acknowledges until every id in {@code expected} came, returning each one's attempt.
   */
  private static Map<TaskId, Integer> drain(LocalTaskQueue queue, Set<TaskId> expected) {
    Map<TaskId, Integer> attempts = new HashMap<>();
    while (!attempts.keySet().containsAll(expected)) {
      List<Delivery> batch = queue.poll("survivor", 50, Duration.ofSeconds(5));
      assertThat(batch).as("queue ran dry before delivering all of %s", expected).isNotEmpty();
      for (Delivery delivery : batch) {
        assertThat(attempts.put(delivery.task().taskId(), delivery.attempt())).isNull();
        queue.acknowledge(delivery);
      }
    }
    // Whatever the child enqueued without reporting it is there too; take it as well.
    for (List<Delivery> rest = queue.poll("survivor", 50, Duration.ZERO);
        !rest.isEmpty();
        rest = queue.poll("survivor", 50, Duration.ZERO)) {
      for (Delivery delivery : rest) {
        assertThat(attempts.put(delivery.task().taskId(), delivery.attempt())).isNull();
        queue.acknowledge(delivery);
      }
    }
    return attempts;
  }

  /** A JVM running {@link QueueChild} with this test's class path. */
  private record Child(Process process, BufferedReader stdout, Path stderr)
      implements AutoCloseable {

    static Child start(Path workDir, String... args) throws IOException {
      String java =
          ProcessHandle.current()
              .info()
              .command()
              .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      List<String> command = new ArrayList<>();
      command.add(java);
      command.add("--enable-native-access=ALL-UNNAMED");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(QueueChild.class.getName());
      command.addAll(List.of(args));
      Path stderr = Files.createTempFile(workDir, "child-", ".stderr");
      Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
      return new Child(
          process,
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)),
          stderr);
    }

    /** The next {@code count} lines; fails with the child's stderr if it ends first. */
    List<String> readLines(int count) throws IOException {
      List<String> lines = new ArrayList<>();
      while (lines.size() < count) {
        String line = stdout.readLine();
        assertThat(line)
            .as("child ended after %s lines; stderr:%n%s", lines.size(), Files.readString(stderr))
            .isNotNull();
        lines.add(line);
      }
      return lines;
    }

    /** SIGKILL on Linux: the child gets no chance to flush, close or run shutdown hooks. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
    }

    @Override
    public void close() throws Exception {
      process.destroyForcibly();
      process.waitFor();
      stdout.close();
    }
  }
}
