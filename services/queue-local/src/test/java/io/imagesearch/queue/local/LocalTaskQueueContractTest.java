package io.imagesearch.queue.local;

import io.imagesearch.contract.queue.ObservedDeadLetter;
import io.imagesearch.contract.queue.TaskQueueContract;
import io.imagesearch.core.port.TaskQueue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class LocalTaskQueueContractTest extends TaskQueueContract {

  @TempDir Path dir;
  private int queues;

  @Override
  protected TaskQueue createQueue(Duration visibilityTimeout) {
    return new LocalTaskQueue(
        new LocalQueueConfig(dir.resolve("queue-" + queues++), visibilityTimeout));
  }

  @Override
  protected List<ObservedDeadLetter> deadLetters(TaskQueue queue) {
    return ((LocalTaskQueue) queue)
        .deadLetters(1000).stream()
            .map(letter -> new ObservedDeadLetter(letter.task(), letter.reason()))
            .toList();
  }
}
