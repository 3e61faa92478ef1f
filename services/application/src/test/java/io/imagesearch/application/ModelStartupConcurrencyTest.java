package io.imagesearch.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.core.model.ModelState;
import io.imagesearch.core.port.ModelStateStore;
import io.imagesearch.storage.local.FileModelStateStore;
import io.imagesearch.testsupport.SettableClock;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start decides from the state it read, and never writes over one it did not see. */
class ModelStartupConcurrencyTest {

  private static final String COLOUR = "models/colour";
  private static final String WIDE = "models/colour-4d";

  @TempDir Path dir;

  @Test
  void aStateAnotherProcessWritesWhileThisOneStartsIsKeptAndTheStartFails() {
    var clock = new SettableClock(TestLibrary.T0);
    var file = new FileModelStateStore(dir.resolve("model-state.properties"));
    var loader =
        new TestModelLoader(dir.resolve("index"))
            .with(COLOUR, ColourEmbedder::new)
            .with(WIDE, () -> TestEmbedders.widerColour(4));
    new ModelStartup(file, loader, clock, TestLibrary.RETENTION).open(COLOUR, "TEST").close();
    ModelState first = file.read().orElseThrow();
    var racing = new AnotherProcessWritesAfterTheRead(file);

    assertThatThrownBy(
            () -> new ModelStartup(racing, loader, clock, TestLibrary.RETENTION).open(WIDE, "TEST"))
        .isInstanceOf(ModelStateConflictException.class)
        .hasMessageContaining("another process");

    ModelState kept = file.read().orElseThrow();
    assertThat(kept.revision()).isEqualTo(first.revision() + 1);
    assertThat(kept.migration()).as("the start's migration to %s", WIDE).isEmpty();
    assertThat(kept.configured()).isEqualTo(first.configured());
  }

  /** Hands out the stored state, then writes the next revision as a second process would. */
  private static final class AnotherProcessWritesAfterTheRead implements ModelStateStore {
    private final ModelStateStore store;
    private boolean written;

    AnotherProcessWritesAfterTheRead(ModelStateStore store) {
      this.store = store;
    }

    @Override
    public Optional<ModelState> read() {
      Optional<ModelState> seen = store.read();
      if (!written) {
        written = true;
        assertThat(store.write(seen.orElseThrow().withPrevious(Optional.empty()))).isTrue();
      }
      return seen;
    }

    @Override
    public boolean write(ModelState next) {
      return store.write(next);
    }
  }
}
