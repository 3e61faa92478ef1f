package io.imagesearch.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.contract.ModelStateStoreContract;
import io.imagesearch.core.model.ModelState;
import io.imagesearch.core.port.ModelStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileModelStateStoreTest extends ModelStateStoreContract {

  @TempDir Path dir;

  @Override
  protected ModelStateStore newStore() {
    return new FileModelStateStore(dir.resolve("model-state.properties"));
  }

  @Override
  protected ModelStateStore reopen(ModelStateStore current) {
    return new FileModelStateStore(dir.resolve("model-state.properties"));
  }

  @Test
  void aWriteLeavesOneReadableFileAndNoTempFile() throws IOException {
    store.write(ModelState.first(MODEL_A));

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactly("model-state.properties");
    }
    assertThat(Files.readString(dir.resolve("model-state.properties")))
        .contains("active.model-id=tiny-clip-v1");
  }

  @Test
  void aDamagedFileIsReportedWithWhatToDo() throws IOException {
    Files.writeString(dir.resolve("model-state.properties"), "revision=two\n");

    assertThatThrownBy(() -> store.read())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("model-state.properties is damaged")
        .hasMessageContaining("delete it to start over");
  }
}
