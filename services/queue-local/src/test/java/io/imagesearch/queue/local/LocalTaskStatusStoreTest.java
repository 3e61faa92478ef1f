package io.imagesearch.queue.local;

import static io.imagesearch.contract.queue.SampleTasks.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.core.task.TaskStatus;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTaskStatusStoreTest {

  @TempDir Path dir;

  @Test
  void statusesAndTheirOrderSurviveAReopen() {
    Instant t = Instant.parse("2026-03-01T12:00:00Z");
    TaskStatus first = status(1, t);
    TaskStatus tiedButLater = status(2, t);
    try (LocalTaskStatusStore store = new LocalTaskStatusStore(dir)) {
      store.put(first);
      store.put(tiedButLater);
    }
    try (LocalTaskStatusStore store = new LocalTaskStatusStore(dir)) {
      TaskStatus third = status(3, t);
      store.put(third);

      assertThat(store.get(first.taskId())).contains(first);
      // Equal update times: the later put first, also across the reopen.
      assertThat(store.recent(10)).containsExactly(third, tiedButLater, first);
    }
  }
}
