package io.imagesearch.queue.local;

import io.imagesearch.contract.queue.SampleTasks;
import io.imagesearch.core.port.TaskQueue.Delivery;
import io.imagesearch.core.task.IngestTask;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The process {@link CrashSafetyTest} kills. It reports on stdout only what the queue has returned
 * from, so every reported line is a promise the queue must keep after the kill.
 *
 * <pre>
 * enqueue DIR COUNT            enqueue COUNT tasks, printing "enqueued TASK_ID" after each
 * claim DIR VISIBILITY_MILLIS  claim tasks one by one without acknowledging, printing
 *                              "claimed TASK_ID ATTEMPT" after each poll returned
 * </pre>
 *
 * Either way it then waits to be killed.
 */
public final class QueueChild {

  private QueueChild() {}

  public static void main(String[] args) throws InterruptedException {
    Path dir = Path.of(args[1]);
    switch (args[0]) {
      case "enqueue" -> enqueue(dir, Integer.parseInt(args[2]));
      case "claim" -> claim(dir, Duration.ofMillis(Long.parseLong(args[2])));
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
    System.out.println("done");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void enqueue(Path dir, int count) {
    LocalTaskQueue queue = new LocalTaskQueue(LocalQueueConfig.of(dir));
    for (int i = 0; i < count; i++) {
      IngestTask task = SampleTasks.task(i);
      queue.enqueue(task);
      System.out.println("enqueued " + task.taskId());
      System.out.flush();
    }
  }

  private static void claim(Path dir, Duration visibility) {
    LocalTaskQueue queue = new LocalTaskQueue(new LocalQueueConfig(dir, visibility));
    while (true) {
      for (Delivery delivery : queue.poll("doomed-worker", 1, Duration.ofSeconds(1))) {
        System.out.println("claimed " + delivery.task().taskId() + " " + delivery.attempt());
        System.out.flush();
      }
    }
  }
}
