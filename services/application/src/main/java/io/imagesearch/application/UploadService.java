package io.imagesearch.application;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.port.ObjectStore;
import io.imagesearch.core.port.ObjectStore.NewObject;
import io.imagesearch.core.port.TaskQueue;
import io.imagesearch.core.port.TaskStatusStore;
import io.imagesearch.core.task.IngestTask;
import io.imagesearch.core.task.TaskId;
import io.imagesearch.core.task.TaskStatus;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.imaging.ImageRejectedException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts an upload: checks the bytes are an image within limits (its header, and no large payload
 * after its end) that fits the uploader's quota, stores them under their content hash, records the
 * task as PENDING and queues it. Returns only once both the bytes and the task are durable, so an
 * acknowledged upload is never lost.
 */
public final class UploadService {

  private static final Logger LOG = LoggerFactory.getLogger(UploadService.class);

  /**
   * Accepted files are written to the object store together, up to this many bytes or files at a
   * time: together they wait for the disk once, and the bound keeps a large request's files from
   * all being held in memory at once.
   */
  private static final long WRITE_BYTES = 32L << 20;

  private static final int WRITE_FILES = 64;

  /** Most tasks one listing returns. */
  public static final int MAX_RECENT_TASKS = 1000;

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

  /** One file of a batch upload; its bytes are read only when its turn comes. */
  public record Upload(Supplier<byte[]> bytes, String fileName) {}

  /**
   * A file of a batch that was refused, and why: an {@link ImageRejectedException} (not an
   * acceptable image) or a {@link QuotaExceededException} (no room left in the uploader's quota).
   */
  public record Refused(String fileName, RuntimeException reason) {}

  /** What became of each file of a batch, each list in the files' order. */
  public record BatchOutcome(List<AcceptedUpload> accepted, List<Refused> refused) {}

  /**
   * @throws ImageRejectedException when the bytes are not an acceptable image
   * @throws DependencyUnavailableException when storage or the queue does not answer
   */
  public AcceptedUpload accept(byte[] bytes, String fileName, Set<String> tags) {
    return accept(bytes, fileName, tags, UploadAllowance.UNLIMITED);
  }

  /**
   * @throws ImageRejectedException when the bytes are not an acceptable image
   * @throws QuotaExceededException when the image does not fit in {@code allowance}
   * @throws DependencyUnavailableException when storage or the queue does not answer
   */
  public AcceptedUpload accept(
      byte[] bytes, String fileName, Set<String> tags, UploadAllowance allowance) {
    BatchOutcome outcome = acceptAll(List.of(new Upload(() -> bytes, fileName)), tags, allowance);
    if (!outcome.refused().isEmpty()) {
      throw outcome.refused().getFirst().reason();
    }
    return outcome.accepted().getFirst();
  }

  /**
   * Accepts each acceptable file of a batch and refuses the others, each on its own. The accepted
   * files' bytes are written to the store several at once, and their statuses and tasks together
   * (one durable write each instead of one per file); only then does this return, so an
   * acknowledged upload is never lost.
   *
   * @throws DependencyUnavailableException when storage or the queue does not answer; then no file
   *     of the batch counts as accepted, and uploading the batch again is safe (same ids)
   */
  public BatchOutcome acceptAll(List<Upload> uploads, Set<String> tags) {
    return acceptAll(uploads, tags, UploadAllowance.UNLIMITED);
  }

  /**
   * {@link #acceptAll(List, Set)} within {@code allowance}: a file that does not fit is refused on
   * its own, as an unacceptable image is, and the files before it stay accepted. When the batch
   * fails as a whole, the room its files took is given back.
   */
  public BatchOutcome acceptAll(List<Upload> uploads, Set<String> tags, UploadAllowance allowance) {
    List<ImageId> taken = new ArrayList<>();
    try {
      return acceptAll(uploads, tags, allowance, taken);
    } catch (RuntimeException e) {
      giveBack(allowance, taken);
      throw e;
    }
  }

  private BatchOutcome acceptAll(
      List<Upload> uploads, Set<String> tags, UploadAllowance allowance, List<ImageId> taken) {
    List<AcceptedUpload> accepted = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    List<IngestTask> tasks = new ArrayList<>();
    // Keyed by object key: the same bytes twice in one request are written once.
    Map<String, NewObject> unwritten = new LinkedHashMap<>();
    long unwrittenBytes = 0;
    for (Upload upload : uploads) {
      byte[] bytes = upload.bytes().get();
      try {
        String mimeType = decoder.probeUpload(bytes).format().mimeType();
        ImageId id = ImageId.of(bytes);
        if (allowance.take(id, bytes.length)) {
          taken.add(id);
        }
        if (unwritten.putIfAbsent(id.imageKey(), new NewObject(id.imageKey(), bytes, mimeType))
            == null) {
          unwrittenBytes += bytes.length;
        }
        IngestTask task =
            new IngestTask(
                TaskId.random(), id, FileNames.sanitise(upload.fileName()), tags, clock.instant());
        tasks.add(task);
        accepted.add(new AcceptedUpload(task.taskId(), id, task.fileName(), mimeType));
      } catch (ImageRejectedException | QuotaExceededException e) {
        refused.add(new Refused(upload.fileName(), e));
      }
      if (unwrittenBytes >= WRITE_BYTES || unwritten.size() >= WRITE_FILES) {
        write(unwritten.values());
        unwritten.clear();
        unwrittenBytes = 0;
      }
    }
    write(unwritten.values());
    queue(tasks);
    return new BatchOutcome(accepted, refused);
  }

  /** Where an upload's processing stands; empty for a task this service never accepted. */
  public Optional<TaskStatus> status(TaskId id) {
    return statuses.get(id);
  }

  /**
   * The most recently updated tasks first.
   *
   * @throws InvalidRequestException unless {@code limit} is between 1 and {@value
   *     #MAX_RECENT_TASKS}
   */
  public List<TaskStatus> recentTasks(int limit) {
    if (limit < 1 || limit > MAX_RECENT_TASKS) {
      throw new InvalidRequestException(
          "limit must be between 1 and " + MAX_RECENT_TASKS + ", got " + limit);
    }
    return statuses.recent(limit);
  }

  /** Nothing of a failed batch was acknowledged, so none of it counts against the quota. */
  private static void giveBack(UploadAllowance allowance, List<ImageId> taken) {
    for (ImageId image : taken) {
      try {
        allowance.giveBack(image);
      } catch (RuntimeException e) {
        // The usage stays counted too high, the safe side; the batch's own failure is reported.
        LOG.warn("Cannot give back the quota room of image {}: {}", image, e.getMessage());
      }
    }
  }

  /** Stores accepted files' bytes under their hash, several at once. */
  private void write(Collection<NewObject> files) {
    if (files.isEmpty()) {
      return;
    }
    try {
      objects.putAll(List.copyOf(files));
    } catch (RuntimeException e) {
      throw new DependencyUnavailableException("object store", e);
    }
  }

  private void queue(List<IngestTask> tasks) {
    if (tasks.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    List<TaskStatus> pending = tasks.stream().map(task -> TaskStatus.pending(task, now)).toList();
    try {
      // Statuses first: a worker that takes a task at once must find it, not overwrite it.
      statuses.putAll(pending);
      queue.enqueueAll(tasks);
    } catch (RuntimeException e) {
      markNotQueued(pending, e);
      throw new DependencyUnavailableException("task queue", e);
    }
    tasks.forEach(
        task ->
            LOG.debug(
                "Accepted {} as image {} (task {})",
                task.fileName(),
                task.imageId(),
                task.taskId()));
  }

  /** The client gets a 503 and no task id; the status says so for anyone listing tasks. */
  private void markNotQueued(List<TaskStatus> pending, RuntimeException cause) {
    Instant now = clock.instant();
    try {
      statuses.putAll(
          pending.stream()
              .map(status -> status.failed("not queued, upload again: " + cause.getMessage(), now))
              .toList());
    } catch (RuntimeException ignored) {
      // The status store shares the failing server; nothing more to record.
    }
  }
}
