package io.imagesearch.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.core.task.TaskId;
import io.imagesearch.core.task.TaskState;
import io.imagesearch.core.task.TaskStatus;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.queue.local.LocalQueueConfig;
import io.imagesearch.queue.local.LocalTaskQueue;
import io.imagesearch.queue.local.LocalTaskStatusStore;
import io.imagesearch.storage.local.FilesystemObjectStore;
import io.imagesearch.testsupport.SettableClock;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading tasks back through the upload use case, on the real embedded queue and status store. */
class UploadServiceStatusTest {

  @TempDir Path dir;
  private LocalTaskQueue queue;
  private LocalTaskStatusStore statuses;
  private UploadService uploads;
  private final SettableClock clock = new SettableClock(Instant.parse("2026-01-02T03:04:05Z"));

  @BeforeEach
  void setUp() {
    queue = new LocalTaskQueue(new LocalQueueConfig(dir.resolve("queue"), Duration.ofSeconds(30)));
    statuses = new LocalTaskStatusStore(dir.resolve("queue"));
    uploads =
        new UploadService(
            new ImageDecoder(DecoderLimits.DEFAULT),
            new FilesystemObjectStore(dir.resolve("objects")),
            queue,
            statuses,
            clock);
  }

  @AfterEach
  void tearDown() {
    queue.close();
    statuses.close();
  }

  @Test
  void anAcceptedUploadsStatusIsPending() {
    AcceptedUpload upload =
        uploads.accept(TestPngs.solid(new Color(10, 0, 0)), "cat.png", Set.of());

    TaskStatus status = uploads.status(upload.taskId()).orElseThrow();

    assertThat(status.state()).isEqualTo(TaskState.PENDING);
    assertThat(status.imageId()).isEqualTo(upload.imageId());
    assertThat(status.fileName()).isEqualTo("cat.png");
    assertThat(uploads.status(TaskId.random())).isEmpty();
  }

  @Test
  void recentTasksComeNewestFirstUpToTheLimit() {
    AcceptedUpload first =
        uploads.accept(TestPngs.solid(new Color(10, 0, 0)), "first.png", Set.of());
    clock.advance(Duration.ofSeconds(60));
    AcceptedUpload second =
        uploads.accept(TestPngs.solid(new Color(20, 0, 0)), "second.png", Set.of());

    assertThat(uploads.recentTasks(10))
        .extracting(TaskStatus::taskId)
        .containsExactly(second.taskId(), first.taskId());
    assertThat(uploads.recentTasks(1))
        .extracting(TaskStatus::taskId)
        .containsExactly(second.taskId());
  }

  @Test
  void aListingLimitOutOfRangeIsRefused() {
    assertThatThrownBy(() -> uploads.recentTasks(0))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("limit must be between 1 and 1000, got 0");
    assertThatThrownBy(() -> uploads.recentTasks(UploadService.MAX_RECENT_TASKS + 1))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(uploads.recentTasks(UploadService.MAX_RECENT_TASKS)).isEmpty();
  }
}
