package io.imagesearch.storage.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LuceneIndexOptionsTest {

  private final LuceneIndexOptions defaults = LuceneIndexOptions.DEFAULTS;

  @Test
  void upTo100kDocumentsTheBeamIsMinCandidatesOversampled() {
    assertThat(defaults.graphCandidates(10, 20_000)).isEqualTo(400);
    assertThat(defaults.graphCandidates(10, 100_000)).isEqualTo(400);
    // A page deeper than the beam widens it.
    assertThat(defaults.graphCandidates(500, 100_000)).isEqualTo(1000);
  }

  @Test
  void theBeamWidensByTwiceMinCandidatesForEachTenfoldGrowthBeyond() {
    // 1M documents: 200 x 3 = 600 candidates, 1,200 int7 hits rescored.
    assertThat(defaults.graphCandidates(10, 1_000_000)).isEqualTo(1200);
    assertThat(defaults.graphCandidates(10, 10_000_000)).isEqualTo(2000);
    int previous = 0;
    for (long documents = 100_000; documents <= 10_000_000; documents += 100_000) {
      int candidates = defaults.graphCandidates(10, documents);
      assertThat(candidates).as("%d documents", documents).isGreaterThanOrEqualTo(previous);
      previous = candidates;
    }
  }

  @Test
  void fullPrecisionVectorsAreNotOversampled() {
    LuceneIndexOptions float32 = defaults.withEncoding(VectorEncoding.FLOAT32);
    assertThat(float32.graphCandidates(10, 100_000)).isEqualTo(200);
    assertThat(float32.graphCandidates(10, 1_000_000)).isEqualTo(600);
  }

  @Test
  void theRescoringWindowIsFiveCandidatesPerWantedResultWithinTheBeam() {
    int beam = defaults.graphCandidates(10, 1_000_000);
    assertThat(defaults.rescored(10, beam)).isEqualTo(50);
    assertThat(defaults.rescored(20, beam)).isEqualTo(100);
    // Never more than the graph found, and 0 rescores all of them.
    assertThat(defaults.rescored(500, beam)).isEqualTo(beam);
    LuceneIndexOptions all =
        new LuceneIndexOptions(
            defaults.exactScanBelow(),
            defaults.encoding(),
            defaults.maxConnections(),
            defaults.beamWidth(),
            defaults.minCandidates(),
            defaults.oversample(),
            0,
            defaults.mergeWhenIdle(),
            defaults.maxSegments());
    assertThat(all.rescored(10, beam)).isEqualTo(beam);
  }
}
