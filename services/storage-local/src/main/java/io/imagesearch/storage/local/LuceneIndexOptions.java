package io.imagesearch.storage.local;

import java.time.Duration;
import java.util.Objects;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/**
 * How the embedded index stores and searches vectors. Checked on construction, so a bad setting
 * fails at start-up naming itself. The defaults come from {@code tools/bench/vectors.sh} (see
 * docs/BENCHMARKS.md).
 *
 * @param exactScanBelow a search whose candidates (the whole index, or the documents a filter lets
 *     through) number at most this scans them all exactly instead of walking the HNSW graph: below
 *     the crossover a SIMD scan is both faster and exact
 * @param encoding how the graph's copy of the vectors is stored; the full-precision vectors are
 *     always kept beside it for the exact scan and for rescoring
 * @param maxConnections HNSW M: neighbours per node
 * @param beamWidth HNSW efConstruction: candidates considered while linking a new node
 * @param minCandidates fewest candidates the graph search collects (its beam) in an index of up to
 *     100,000 documents, widened for larger ones ({@link #graphCandidates}); the best are kept
 * @param oversample with a quantized encoding, the graph search collects this many times the
 *     candidates (a wider beam finds more of the true neighbours)
 * @param rescorePerResult with a quantized encoding, the graph's best {@code rescorePerResult}
 *     candidates per wanted result (by their quantized score) are rescored with their
 *     full-precision vectors before the best are kept; 0 rescores every candidate. Unset, the
 *     encoding's own ({@link VectorEncoding#defaultRescorePerResult}: 5, binary 20). Each rescored
 *     candidate reads its full-precision vector, the only part of the index a search needs beyond
 *     the quantized vectors and the graph: a small window keeps the full-precision file out of the
 *     working set
 * @param mergeWhenIdle after writes stop for this long, the index is merged down to {@code
 *     maxSegments} segments (every segment's graph is searched on its own, so fewer is faster);
 *     {@link Duration#ZERO} turns this off
 * @param maxSegments the segment count an idle merge aims at
 */
public record LuceneIndexOptions(
    int exactScanBelow,
    VectorEncoding encoding,
    int maxConnections,
    int beamWidth,
    int minCandidates,
    double oversample,
    int rescorePerResult,
    Duration mergeWhenIdle,
    int maxSegments) {

  /**
   * Measured at 100k x 512-d CLIP-like vectors (docs/BENCHMARKS.md): Lucene's own graph defaults (M
   * 16, build beam 100) stop near recall@10 0.88 there, and a wider search beam on that graph near
   * 0.98; a denser graph (M 32, build beam 200) searched with 200 candidates reaches 0.995 at p99
   * under 4 ms, for a build 1.15 times as long.
   */
  public static final LuceneIndexOptions DEFAULTS =
      new LuceneIndexOptions(
          10_000,
          VectorEncoding.INT7,
          32,
          200,
          200,
          2.0,
          VectorEncoding.INT7.defaultRescorePerResult(),
          Duration.ofSeconds(30),
          1);

  public LuceneIndexOptions {
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(mergeWhenIdle, "mergeWhenIdle");
    require(exactScanBelow >= 0, "exact-scan-below must be >= 0, got " + exactScanBelow);
    require(
        maxConnections >= 2 && maxConnections <= Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN,
        "max-connections must be between 2 and "
            + Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN
            + ", got "
            + maxConnections);
    require(
        beamWidth >= 1 && beamWidth <= Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH,
        "beam-width must be between 1 and "
            + Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH
            + ", got "
            + beamWidth);
    require(
        minCandidates >= 1 && minCandidates <= 10_000,
        "min-candidates must be between 1 and 10000, got " + minCandidates);
    require(
        oversample >= 1 && oversample <= 20,
        "oversample must be between 1 and 20, got " + oversample);
    require(
        rescorePerResult >= 0 && rescorePerResult <= 1000,
        "rescore-per-result must be between 0 and 1000, got " + rescorePerResult);
    require(!mergeWhenIdle.isNegative(), "merge-when-idle must not be negative");
    require(maxSegments >= 1, "max-segments must be >= 1, got " + maxSegments);
  }

  /** The same options with another encoding and that encoding's own rescoring window. */
  public LuceneIndexOptions withEncoding(VectorEncoding other) {
    return new LuceneIndexOptions(
        exactScanBelow,
        other,
        maxConnections,
        beamWidth,
        minCandidates,
        oversample,
        other.defaultRescorePerResult(),
        mergeWhenIdle,
        maxSegments);
  }

  /** The same options with another crossover. */
  public LuceneIndexOptions withExactScanBelow(int documents) {
    return new LuceneIndexOptions(
        documents,
        encoding,
        maxConnections,
        beamWidth,
        minCandidates,
        oversample,
        rescorePerResult,
        mergeWhenIdle,
        maxSegments);
  }

  /** Up to this many documents the graph search's beam is {@code minCandidates}. */
  static final long BEAM_BASE_DOCUMENTS = 100_000;

  /**
   * How many candidates the graph search collects for {@code wanted} results in a graph of {@code
   * documents}. The beam widens by twice {@code minCandidates} for each tenfold growth beyond
   * {@link #BEAM_BASE_DOCUMENTS}: on CLIP-like vectors a fixed beam that finds 0.995 of the true
   * top 10 at 100k finds 0.84 at 1M, and three times the beam brings it back (docs/BENCHMARKS.md).
   */
  int graphCandidates(long wanted, long documents) {
    double growth =
        documents <= BEAM_BASE_DOCUMENTS
            ? 1
            : 1 + 2 * Math.log10((double) documents / BEAM_BASE_DOCUMENTS);
    long beam = Math.max(wanted, (long) Math.ceil(minCandidates * growth));
    return (int)
        Math.min(Integer.MAX_VALUE, encoding.quantized() ? Math.ceil(beam * oversample) : beam);
  }

  /**
   * How many of the graph's best candidates are rescored at full precision for {@code wanted}
   * results: never fewer than wanted (every result returned carries its exact score).
   */
  int rescored(long wanted, int candidates) {
    if (rescorePerResult == 0) {
      return candidates;
    }
    return (int) Math.min(candidates, wanted * rescorePerResult);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("imagesearch.index." + message);
    }
  }
}
