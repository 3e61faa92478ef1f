package io.imagesearch.queue.local;

import io.imagesearch.contract.queue.TaskStatusStoreContract;
import io.imagesearch.core.port.TaskStatusStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalTaskStatusStoreContractTest extends TaskStatusStoreContract {

  @TempDir Path dir;

  @Override
  protected TaskStatusStore createStore() {
    return new LocalTaskStatusStore(dir);
  }
}
