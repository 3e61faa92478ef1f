package io.imagesearch.contract.queue;

import static io.imagesearch.contract.queue.SampleTasks.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.core.port.TaskStatusStore;
import io.imagesearch.core.task.TaskId;
import io.imagesearch.core.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TaskStatusStore} adapter must do; an adapter's test extends this class. */
public abstract class TaskStatusStoreContract {

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.000000001Z");

  private TaskStatusStore store;

  /** A new, empty store. */
  protected abstract TaskStatusStore createStore();

  @BeforeEach
  void create() {
    store = createStore();
  }

  @AfterEach
  void close() throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  @Test
  void getReturnsWhatWasPut() {
    TaskStatus status = status(1, T0);

    store.put(status);

    assertThat(store.get(status.taskId())).contains(status);
  }

  @Test
  void getOfAnUnknownTaskIsEmpty() {
    store.put(status(1, T0));

    assertThat(store.get(TaskId.random())).isEmpty();
  }

  @Test
  void putOverwritesTheStatusOfTheSameTask() {
    TaskStatus started = status(1, T0);
    TaskStatus failed = started.failed("corrupt JPEG", T0.plusSeconds(1));
    store.put(started);

    store.put(failed);

    assertThat(store.get(started.taskId())).contains(failed);
    assertThat(store.get(started.taskId()).flatMap(TaskStatus::error)).contains("corrupt JPEG");
    assertThat(store.recent(10)).containsExactly(failed);
  }

  @Test
  void anEmptyErrorStaysEmpty() {
    TaskStatus succeeded = status(1, T0).succeeded(T0.plusSeconds(1));

    store.put(succeeded);

    assertThat(store.get(succeeded.taskId()).map(TaskStatus::error)).contains(Optional.empty());
  }

  @Test
  void recentListsTheMostRecentlyUpdatedFirstUpToTheLimit() {
    TaskStatus oldest = status(1, T0);
    TaskStatus middle = status(2, T0.plusMillis(1));
    TaskStatus newest = status(3, T0.plusSeconds(60));
    TaskStatus older = status(4, T0.minusNanos(1));
    // Put out of order: recency is the status's update time, not the order of the calls.
    store.put(middle);
    store.put(newest);
    store.put(oldest);
    store.put(older);

    assertThat(store.recent(3)).containsExactly(newest, middle, oldest);
    assertThat(store.recent(10)).containsExactly(newest, middle, oldest, older);
  }

  @Test
  void anUpdateMovesATaskToTheFront() {
    TaskStatus first = status(1, T0);
    TaskStatus second = status(2, T0.plusSeconds(1));
    store.put(first);
    store.put(second);

    TaskStatus done = first.succeeded(T0.plusSeconds(2));
    store.put(done);

    assertThat(store.recent(10)).containsExactly(done, second);
  }

  @Test
  void putAllStoresEachStatusAndTheLastOneOfATaskWins() {
    TaskStatus first = status(1, T0);
    TaskStatus second = status(2, T0.plusSeconds(1));
    TaskStatus firstDone = first.succeeded(T0.plusSeconds(2));

    store.putAll(List.of(first, second, firstDone));

    assertThat(store.get(first.taskId())).contains(firstDone);
    assertThat(store.get(second.taskId())).contains(second);
    assertThat(store.recent(10)).containsExactly(firstDone, second);
  }

  @Test
  void putAllOfNothingChangesNothing() {
    TaskStatus kept = status(1, T0);
    store.put(kept);

    store.putAll(List.of());

    assertThat(store.recent(10)).containsExactly(kept);
  }

  @Test
  void recentOfAnEmptyStoreIsEmpty() {
    assertThat(store.recent(5)).isEqualTo(List.of());
  }
}
