package io.imagesearch.embedded;

import io.imagesearch.application.AcceptedUpload;
import io.imagesearch.application.ModelSlot;
import io.imagesearch.application.UploadService;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.port.TaskQueue;
import io.imagesearch.imaging.ImageFormat;
import io.imagesearch.imaging.ImageRejectedException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code import DIR}: queues every image under a folder, recursively, then waits until the queue is
 * drained. Resumable: an image whose content hash is already indexed is skipped, so running it
 * again after an interruption only does what is left.
 */
final class FolderImport {

  private final UploadService uploads;
  private final ModelSlot models;
  private final TaskQueue queue;
  private final PrintStream out;

  FolderImport(UploadService uploads, ModelSlot models, TaskQueue queue, PrintStream out) {
    this.uploads = uploads;
    this.models = models;
    this.queue = queue;
    this.out = out;
  }

  record Summary(int queued, int skipped, int rejected) {}

  Summary run(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("import: " + folder + " is not a folder");
    }
    List<Path> files = imageFiles(folder);
    int queued = 0;
    int skipped = 0;
    int rejected = 0;
    ProgressBar bar = new ProgressBar(out, files.size());
    for (Path file : files) {
      byte[] bytes = read(file);
      if (models.serving().index().get(ImageId.of(bytes)).isPresent()) {
        skipped++;
      } else {
        try {
          AcceptedUpload accepted = uploads.accept(bytes, file.getFileName().toString(), Set.of());
          queued++;
          out.println("queued " + folder.relativize(file) + " as task " + accepted.taskId());
        } catch (ImageRejectedException e) {
          rejected++;
          out.println("rejected " + folder.relativize(file) + ": " + e.getMessage());
        }
      }
      bar.step("queued " + queued + ", already indexed " + skipped + ", rejected " + rejected);
    }
    awaitDrained(bar);
    return new Summary(queued, skipped, rejected);
  }

  private void awaitDrained(ProgressBar bar) {
    long backlog;
    long reported = -1;
    while ((backlog = queue.backlog()) > 0) {
      if (backlog != reported) {
        bar.note("indexing: " + backlog + " left");
        reported = backlog;
      }
      try {
        Thread.sleep(Duration.ofMillis(250));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    bar.note("indexing: done");
  }

  private static List<Path> imageFiles(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths
          .filter(Files::isRegularFile)
          .filter(FolderImport::looksLikeImage)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  private static boolean looksLikeImage(Path file) {
    try (var in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(ImageFormat.SNIFF_LENGTH);
      return ImageFormat.sniff(Arrays.copyOf(head, head.length)).isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
