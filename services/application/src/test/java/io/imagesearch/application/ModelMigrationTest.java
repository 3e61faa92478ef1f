package io.imagesearch.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.model.GoldenQuery;
import io.imagesearch.core.model.Migration;
import io.imagesearch.core.model.ModelState;
import io.imagesearch.core.search.SearchHit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changing the model of a library on the embedded adapters: migrations started by the
 * configuration, dual writes, the gate, switch, rollback, restarts and retention.
 */
class ModelMigrationTest {

  private static final String COLOUR = "models/colour";
  private static final String WIDE = "models/colour-4d";
  private static final String NOISE = "models/noise";

  @TempDir Path dir;
  private TestEmbedders.Counting wide;
  private TestLibrary library;
  private List<ImageId> reds;

  @BeforeEach
  void aLibraryOfColours() {
    TestModelLoader loader =
        new TestModelLoader(dir.resolve("index"))
            .with(COLOUR, ColourEmbedder::new)
            .with(WIDE, () -> wide = new TestEmbedders.Counting(TestEmbedders.widerColour(4)))
            .with(NOISE, TestEmbedders::noise);
    library = new TestLibrary(dir, loader);
    library.start(COLOUR);
    List<ImageId> ids = library.ingest(TestLibrary.colours(6));
    reds = List.of(ids.get(0), ids.get(3), ids.get(6), ids.get(9), ids.get(12));
    library.golden = List.of(new GoldenQuery("something red", Set.copyOf(reds)));
    library.stop();
  }

  @AfterEach
  void close() {
    library.close();
  }

  @Test
  void aNewLibraryRecordsTheConfiguredModelAsActive() {
    ModelState state = library.state();

    assertThat(state.active().modelId()).isEqualTo("colour-test");
    assertThat(state.active().location()).isEqualTo(COLOUR);
    assertThat(state.migration()).isEmpty();
  }

  @Test
  void anotherConfiguredModelIsBuiltWhileTheActiveServesThenSwitchedToWhenTheGatePasses() {
    library.open(WIDE);

    assertThat(library.slot.serving().ref().modelId()).isEqualTo("colour-test");
    assertThat(library.slot.models().candidate())
        .get()
        .extracting(m -> m.ref().modelId())
        .isEqualTo("colour-4d");
    assertThat(library.state().migration())
        .get()
        .extracting(Migration::phase)
        .isEqualTo(Migration.Phase.REINDEXING);

    library.migration.start();
    library.awaitMigrationSettled();

    ModelState state = library.state();
    assertThat(state.active().modelId()).isEqualTo("colour-4d");
    assertThat(state.previous())
        .get()
        .satisfies(
            p -> {
              assertThat(p.model().modelId()).isEqualTo("colour-test");
              assertThat(p.keepUntil()).isEqualTo(TestLibrary.T0.plus(TestLibrary.RETENTION));
            });
    assertThat(library.slot.serving().ref().modelId()).isEqualTo("colour-4d");
    assertThat(library.slot.serving().index().count()).isEqualTo(18);
    assertThat(library.gates).singleElement().satisfies(g -> assertThat(g.passed()).isTrue());
    assertThat(library.migration.status().lastSwitch()).isPresent();
    assertThat(ids(library.search.byText("red", SearchRequest.firstPage(5))))
        .containsExactlyInAnyOrderElementsOf(reds);
  }

  @Test
  void imagesUploadedDuringTheMigrationAreInBothIndexesAtTheSwitch() {
    library.open(WIDE);
    List<ImageId> during =
        library.ingest(
            List.of(
                TestPngs.solid(new java.awt.Color(240, 0, 0)),
                TestPngs.solid(new java.awt.Color(0, 0, 240))));

    assertThat(library.slot.models().candidate().orElseThrow().index().get(during.get(0)))
        .isPresent();
    library.migration.start();
    library.awaitMigrationSettled();

    for (ImageId id : during) {
      assertThat(library.slot.serving().index().get(id)).as("new index").isPresent();
      assertThat(library.slot.models().previous().orElseThrow().index().get(id))
          .as("previous index")
          .isPresent();
    }
    assertThat(library.slot.serving().index().count()).isEqualTo(20);
  }

  @Test
  void theGateRefusesAWorseModelWithItsNumbersAndTheActiveKeepsServing() {
    library.open(NOISE);
    library.migration.start();
    library.awaitMigrationSettled();

    Migration refused = library.state().migration().orElseThrow();
    assertThat(refused.phase()).isEqualTo(Migration.Phase.REFUSED);
    assertThat(refused.gate())
        .get()
        .satisfies(
            g -> {
              assertThat(g.passed()).isFalse();
              assertThat(g.reason()).contains("noise (3-d) refused").contains("golden recall@5");
              assertThat(g.checks())
                  .anySatisfy(
                      c -> {
                        assertThat(c.name()).isEqualTo("golden");
                        assertThat(c.current()).isEqualTo(1.0);
                        assertThat(c.candidate()).isLessThan(1.0);
                      });
            });
    assertThat(library.slot.serving().ref().modelId()).isEqualTo("colour-test");
    assertThat(library.state().active().modelId()).isEqualTo("colour-test");
    assertThat(library.migration.status().migration())
        .get()
        .satisfies(m -> assertThat(m.migration().gate()).isPresent());
  }

  @Test
  void aStoppedWalkResumesAfterItsLastSavedBatchWithoutEmbeddingDoneImagesAgain() throws Exception {
    library.reindexSettings = new ReindexSettings(4, 2, true, 40);
    library.start(WIDE);
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> library.state().migration().orElseThrow().done() >= 8);
    library.stop();
    Migration saved = library.state().migration().orElseThrow();
    int firstRun = wide.images.get();
    assertThat(saved.done()).isBetween(8L, 17L);
    assertThat(saved.total()).isEqualTo(18);

    library.reindexSettings = new ReindexSettings(4, 2, true, 0);
    library.start(WIDE);
    library.awaitMigrationSettled();

    assertThat(library.state().active().modelId()).isEqualTo("colour-4d");
    assertThat(firstRun).isBetween((int) saved.done(), (int) saved.done() + 4);
    // The second run embeds what was left (the gate embeds thumbnails on top, counted apart).
    assertThat(library.migration.status().lastSwitch()).isPresent();
    assertThat(library.slot.serving().index().count()).isEqualTo(18);
    int thumbnailsTheGateEmbedded =
        library.gates.getLast().checks().stream()
            .filter(c -> c.name().equals("self-consistency"))
            .mapToInt(c -> c.queries())
            .sum();
    assertThat(wide.images.get() - thumbnailsTheGateEmbedded)
        .as("images embedded by the resumed walk")
        .isEqualTo(18 - (int) saved.done());
  }

  @Test
  void aRollbackReturnsToThePreviousModelAtOnceAndASecondRollsForward() {
    library.start(WIDE);
    library.awaitMigrationSettled();
    List<ImageId> before = ids(library.search.byText("blue", SearchRequest.firstPage(6)));

    library.migration.rollback();

    assertThat(library.slot.serving().ref().modelId()).isEqualTo("colour-test");
    assertThat(library.state().active().modelId()).isEqualTo("colour-test");
    assertThat(library.state().previous())
        .get()
        .extracting(p -> p.model().modelId())
        .isEqualTo("colour-4d");
    assertThat(ids(library.search.byText("blue", SearchRequest.firstPage(6))))
        .containsExactlyInAnyOrderElementsOf(before);

    library.migration.rollback();

    assertThat(library.slot.serving().ref().modelId()).isEqualTo("colour-4d");
  }

  @Test
  void aRollbackBeforeTheSwitchCancelsTheMigrationAndDropsItsIndex() {
    library.open(NOISE);

    library.migration.rollback();

    assertThat(library.state().migration()).isEmpty();
    assertThat(library.slot.models().candidate()).isEmpty();
    assertThat(library.loader.deletedIndexes).containsExactly("noise");
  }

  @Test
  void withNothingToRollBackTheRollbackIsRefused() {
    library.start(COLOUR);

    assertThatThrownBy(() -> library.migration.rollback())
        .isInstanceOf(NothingToRollBackException.class)
        .hasMessageContaining("colour-test (3-d) serves");
  }

  @Test
  void aRollbackThroughTheApiSurvivesARestartWithTheSameConfiguration() {
    library.start(WIDE);
    library.awaitMigrationSettled();
    library.migration.rollback();
    library.stop();

    library.start(WIDE);

    assertThat(library.slot.serving().ref().modelId()).isEqualTo("colour-test");
    assertThat(library.state().migration()).isEmpty();
  }

  @Test
  void restartingWithThePreviousModelRollsBackWithoutEmbeddingAnything() {
    library.start(WIDE);
    library.awaitMigrationSettled();
    library.stop();
    int embedded = wide.images.get();

    library.start(COLOUR);

    assertThat(library.slot.serving().ref().modelId()).isEqualTo("colour-test");
    assertThat(library.state().previous())
        .get()
        .extracting(p -> p.model().modelId())
        .isEqualTo("colour-4d");
    assertThat(wide.images.get()).isZero();
    assertThat(embedded).isPositive();
  }

  @Test
  void restartingWithTheActiveModelCancelsTheMigration() {
    library.open(NOISE);
    library.stop();

    library.start(COLOUR);

    assertThat(library.state().migration()).isEmpty();
    assertThat(library.slot.models().candidate()).isEmpty();
    assertThat(library.loader.deletedIndexes).containsExactly("noise");
  }

  @Test
  void thePreviousModelIsDroppedWhenItsRetentionEnds() throws Exception {
    library.start(WIDE);
    library.awaitMigrationSettled();

    library.clock.advance(TestLibrary.RETENTION);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> library.migration.status().previous().isEmpty());

    assertThat(library.state().previous()).isEmpty();
    assertThat(library.slot.models().previous()).isEmpty();
    assertThat(library.loader.deletedIndexes).containsExactly("colour-test");
  }

  @Test
  void aDeleteDuringTheMigrationRemovesTheImageFromEveryIndex() {
    library.open(WIDE);
    library.ingest(List.of(TestPngs.solid(new java.awt.Color(1, 2, 3))));
    ImageId gone = reds.getFirst();
    library.migration.start();
    library.awaitMigrationSettled();

    library.search.delete(gone);

    assertThat(library.slot.serving().index().get(gone)).isEmpty();
    assertThat(library.slot.models().previous().orElseThrow().index().get(gone)).isEmpty();
  }

  private static List<ImageId> ids(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::id).toList();
  }
}
