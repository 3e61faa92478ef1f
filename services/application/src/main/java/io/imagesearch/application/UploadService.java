package io.imagesearch.application;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.port.ObjectStore;
import io.imagesearch.core.port.TaskQueue;
import io.imagesearch.core.port.TaskStatusStore;
import io.imagesearch.core.task.IngestTask;
import io.imagesearch.core.task.TaskId;
import io.imagesearch.core.task.TaskStatus;
import io.imagesearch.imaging.ImageDecoder;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts an upload: checks the bytes are an image within limits (header only), stores them under
 * their content hash, records the task as PENDING and queues it. Returns only once both the bytes
 * and the task are durable, so an acknowledged upload is never lost.
 */
public final class UploadService {

  private static final Logger LOG = LoggerFactory.getLogger(UploadService.class);

  private final ImageDecoder decoder;
  private final ObjectStore objects;
  private final TaskQueue queue;
  private final TaskStatusStore statuses;
  private final Clock clock;

  public UploadService(
      ImageDecoder decoder,
      ObjectStore objects,
      TaskQueue queue,
      TaskStatusStore statuses,
      Clock clock) {
    this.decoder = decoder;
    this.objects = objects;
    this.queue = queue;
    this.statuses = statuses;
    this.clock = clock;
  }

  /**
   * @throws io.imagesearch.imaging.ImageRejectedException when the bytes are not an acceptable
   *     image
   * @throws DependencyUnavailableException when storage or the queue does not answer
   */
  public AcceptedUpload accept(byte[] bytes, String fileName, Set<String> tags) {
    ImageDecoder.Probe probe = decoder.probe(bytes);
    ImageId id = ImageId.of(bytes);
    String mimeType = probe.format().mimeType();
    try {
      objects.put(id.imageKey(), new ByteArrayInputStream(bytes), bytes.length, mimeType);
    } catch (RuntimeException e) {
      throw new DependencyUnavailableException("object store", e);
    }
    IngestTask task =
        new IngestTask(TaskId.random(), id, FileNames.sanitise(fileName), tags, clock.instant());
    TaskStatus pending = TaskStatus.pending(task, clock.instant());
    try {
      // Status first: a worker that takes the task at once must find it, not overwrite it.
      statuses.put(pending);
      queue.enqueue(task);
    } catch (RuntimeException e) {
      markNotQueued(pending, e);
      throw new DependencyUnavailableException("task queue", e);
    }
    LOG.debug("Accepted {} as image {} (task {})", task.fileName(), id, task.taskId());
    return new AcceptedUpload(task.taskId(), id, task.fileName(), mimeType);
  }

  /** The client gets a 503 and no task id; the status says so for anyone listing tasks. */
  private void markNotQueued(TaskStatus pending, RuntimeException cause) {
    try {
      statuses.put(
          pending.failed("not queued, upload again: " + cause.getMessage(), clock.instant()));
    } catch (RuntimeException ignored) {
      // The status store shares the failing server; nothing more to record.
    }
  }
}
