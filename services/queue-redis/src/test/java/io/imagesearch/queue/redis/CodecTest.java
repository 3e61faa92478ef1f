package io.imagesearch.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.contract.queue.SampleTasks;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.port.TaskQueue.Delivery;
import io.imagesearch.core.task.IngestTask;
import io.imagesearch.core.task.TaskId;
import io.imagesearch.core.task.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodecTest {

  @Test
  void tasksRoundTripWithSeparatorsInTagsAndNanosecondInstants() {
    IngestTask task = SampleTasks.task(3);

    assertThat(TaskFields.decode(TaskFields.encode(task))).isEqualTo(task);
  }

  @Test
  void noTagsAndALoneEmptyTagStayDistinct() {
    IngestTask none = withTags(Set.of());
    IngestTask empty = withTags(Set.of(""));

    assertThat(TaskFields.decode(TaskFields.encode(none))).isEqualTo(none);
    assertThat(TaskFields.decode(TaskFields.encode(empty))).isEqualTo(empty);
  }

  @Test
  void anUnknownVersionIsRejected() {
    Map<String, String> fields = new HashMap<>(TaskFields.encode(SampleTasks.task(1)));
    fields.put("v", "2");

    assertThatThrownBy(() -> TaskFields.decode(fields))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void statusesRoundTripWithAndWithoutAnError() {
    TaskStatus failed = SampleTasks.status(2, Instant.parse("2026-03-01T12:00:00.000000001Z"));
    TaskStatus succeeded = failed.succeeded(Instant.parse("2026-03-01T12:00:01.5Z"));

    assertThat(StatusFields.decode(StatusFields.encode(failed))).isEqualTo(failed);
    assertThat(StatusFields.decode(StatusFields.encode(succeeded))).isEqualTo(succeeded);
  }

  @Test
  void receiptsRoundTripAndForeignOnesAreRejected() {
    StreamReceipt receipt = new StreamReceipt("1700000000000-3", 4);
    Delivery delivery = new Delivery(SampleTasks.task(1), 4, receipt.toString());

    assertThat(StreamReceipt.of(delivery)).isEqualTo(receipt);
    assertThatThrownBy(
            () -> StreamReceipt.of(new Delivery(SampleTasks.task(1), 1, "12.abcdef-local")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void configIsValidatedAtConstruction() {
    RedisQueueConfig defaults = RedisQueueConfig.defaults();

    assertThat(defaults.keys().tasks()).isEqualTo("imagesearch:tasks");
    assertThat(defaults.statusTtl()).isEqualTo(Duration.ofDays(7));
    assertThatThrownBy(() -> defaults.withKeyPrefix("has space"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withKeyPrefix("{tag}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withVisibilityTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withStatusTtl(Duration.ofNanos(10)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static IngestTask withTags(Set<String> tags) {
    return new IngestTask(
        TaskId.random(),
        ImageId.of("x".getBytes(StandardCharsets.UTF_8)),
        "x.jpg",
        tags,
        Instant.parse("2026-01-01T00:00:00.000000001Z"));
  }
}
