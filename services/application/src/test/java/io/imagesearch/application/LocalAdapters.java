package io.imagesearch.application;

import io.imagesearch.queue.local.LocalQueueConfig;
import io.imagesearch.queue.local.LocalTaskQueue;
import io.imagesearch.queue.local.LocalTaskStatusStore;
import io.imagesearch.storage.local.FilesystemObjectStore;
import io.imagesearch.storage.local.LuceneVectorIndex;
import java.nio.file.Path;
import java.time.Duration;

/** The embedded mode's adapters in one folder, as the use cases run on them in the app. */
final class LocalAdapters implements AutoCloseable {
  final LocalTaskQueue queue;
  final LocalTaskStatusStore statuses;
  final FilesystemObjectStore objects;
  final LuceneVectorIndex index;

  LocalAdapters(Path dir, Duration visibilityTimeout, String modelId, int dimension) {
    queue = new LocalTaskQueue(new LocalQueueConfig(dir.resolve("queue"), visibilityTimeout));
    statuses = new LocalTaskStatusStore(dir.resolve("queue"));
    objects = new FilesystemObjectStore(dir.resolve("objects"));
    index = LuceneVectorIndex.open(dir.resolve("index"), modelId, dimension);
  }

  @Override
  public void close() {
    index.close();
    queue.close();
    statuses.close();
  }
}
