package io.imagesearch.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.model.GateResult;
import io.imagesearch.core.model.GoldenQuery;
import io.imagesearch.core.model.LoadedModel;
import io.imagesearch.core.model.RecallCheck;
import io.imagesearch.core.port.Embedder;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recall gate, measuring models of the test library against each other. */
class RecallGateTest {

  @TempDir Path dir;
  private TestLibrary library;
  private TestModelLoader loader;
  private List<GoldenQuery> golden;

  @BeforeEach
  void aLibraryOfColours() {
    loader =
        new TestModelLoader(dir.resolve("index"))
            .with("colour", ColourEmbedder::new)
            .with("wide", () -> TestEmbedders.widerColour(4))
            .with("noise", TestEmbedders::noise);
    library = new TestLibrary(dir, loader).start("colour");
    List<ImageId> ids = library.ingest(TestLibrary.colours(5));
    golden =
        List.of(
            new GoldenQuery("red", Set.of(ids.get(0), ids.get(3), ids.get(6))),
            new GoldenQuery("green", Set.of(ids.get(1), ids.get(4), ids.get(7))));
  }

  @AfterEach
  void close() {
    library.close();
  }

  /** The candidate's index filled as a migration would. */
  private LoadedModel candidate(String location) {
    LoadedModel model = loader.load(location, "TEST");
    try (LibraryReindex reindex =
        new LibraryReindex(
            library.objects,
            library.queue,
            library.decoder,
            io.imagesearch.imaging.Thumbnailer.defaults(),
            new ReindexSettings(8, 2, false, 0),
            library.clock)) {
      reindex.run(
          new LibraryReindex.Request(model, library.slot.serving().index(), true, ""),
          (k, w, e) -> {},
          () -> false);
    }
    return model;
  }

  private GateResult evaluate(String location, GateSettings settings) {
    try (LoadedModel candidate = candidate(location)) {
      return new RecallGate(library.objects, library.decoder, settings, library.clock)
          .evaluate(library.slot.serving(), candidate, golden);
    }
  }

  @Test
  void anEqualModelPassesWithTheNumbersOfBothChecks() {
    GateResult result = evaluate("wide", new GateSettings(3, 10, OptionalDouble.empty(), 0));

    assertThat(result.passed()).isTrue();
    assertThat(result.checks())
        .containsExactly(
            new RecallCheck(RecallCheck.GOLDEN, 3, 2, 1.0, 1.0),
            new RecallCheck(RecallCheck.SELF_CONSISTENCY, 3, 10, 1.0, 1.0));
    assertThat(result.reason()).startsWith("colour-4d (4-d) passed: golden recall@3 1.000");
    assertThat(result.evaluatedAt()).isEqualTo(TestLibrary.T0);
  }

  @Test
  void aWorseModelIsRefusedSayingWhichCheckFellShortOfWhat() {
    GateResult result = evaluate("noise", new GateSettings(3, 15, OptionalDouble.empty(), 0));

    assertThat(result.passed()).isFalse();
    RecallCheck goldenCheck = result.checks().getFirst();
    assertThat(goldenCheck.current()).isEqualTo(1.0);
    assertThat(goldenCheck.candidate()).isLessThan(1.0);
    assertThat(result.reason())
        .startsWith("noise (3-d) refused, colour-test (3-d) keeps serving: golden recall@3")
        .contains("is below colour-test (3-d)'s 1.000");
  }

  @Test
  void aThresholdTakesThePlaceOfTheComparison() {
    GateResult lenient = evaluate("noise", new GateSettings(3, 15, OptionalDouble.of(0.0), 0));
    GateResult strict = evaluate("wide", new GateSettings(3, 15, OptionalDouble.of(1.0), 0));

    assertThat(lenient.passed()).isTrue();
    assertThat(strict.passed()).isTrue();
    assertThat(evaluate("noise", new GateSettings(3, 15, OptionalDouble.of(0.99), 0)).reason())
        .contains("is below the required 0.990");
  }

  @Test
  void aLibraryWithoutImagesOrGoldenQueriesHasNothingToMeasureAndPasses() {
    Embedder colour = new ColourEmbedder();
    try (TestLibrary empty =
        new TestLibrary(
                dir.resolve("empty"),
                new TestModelLoader(dir.resolve("empty-index"))
                    .with("c", () -> colour)
                    .with("n", TestEmbedders::noise))
            .start("c")) {
      LoadedModel noise = empty.loader.load("n", "TEST");
      GateResult result =
          new RecallGate(
                  empty.objects,
                  empty.decoder,
                  new GateSettings(3, 10, OptionalDouble.empty(), 0),
                  empty.clock)
              .evaluate(empty.slot.serving(), noise, List.of());
      noise.close();

      assertThat(result.passed()).isTrue();
      assertThat(result.checks()).isEmpty();
      assertThat(result.reason()).startsWith("nothing to measure");
    }
  }
}
