package io.imagesearch.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.core.model.LoadedModel;
import io.imagesearch.storage.local.LuceneIndexes;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSlotTest {

  @TempDir Path dir;

  @Test
  void aChangeWaitsForTheWritesInFlightAndLaterWritesSeeTheNewModels() throws Exception {
    LuceneIndexes indexes = new LuceneIndexes(dir);
    ModelSlot slot = ModelSlot.of(new ColourEmbedder(), indexes.open("colour-test", 3));
    LoadedModel candidate =
        new TestModelLoader(dir.resolve("c"))
            .with("w", () -> TestEmbedders.widerColour(4))
            .load("w", "T");
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Thread writer =
        Thread.ofPlatform()
            .start(
                () ->
                    slot.writing(
                        targets -> {
                          writing.countDown();
                          await(finish);
                          return targets.size();
                        }));
    writing.await();

    Thread changer =
        Thread.ofPlatform().start(() -> slot.change(m -> m.withCandidate(Optional.of(candidate))));
    changer.join(300);
    assertThat(changer.isAlive()).as("the change waits for the write").isTrue();
    assertThat(slot.writeTargets()).hasSize(1);

    finish.countDown();
    changer.join(5_000);
    writer.join(5_000);

    int targets = slot.writing(List::size);
    assertThat(targets).isEqualTo(2);
    assertThat(slot.writeTargets().getFirst()).isSameAs(slot.serving());
    slot.close();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
