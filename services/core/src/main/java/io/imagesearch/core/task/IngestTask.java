package io.imagesearch.core.task;

import io.imagesearch.core.image.ImageId;
import java.time.Instant;
import java.util.Set;

/**
 * Work to embed and index one stored image. The bytes are already durable under {@code
 * imageId.imageKey()} when the task is enqueued.
 */
public record IngestTask(
    TaskId taskId, ImageId imageId, String fileName, Set<String> tags, Instant acceptedAt) {

  public IngestTask {
    tags = Set.copyOf(tags);
  }
}
