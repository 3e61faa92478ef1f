package io.imagesearch.storage.local;

import java.util.Set;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene102.Lucene102HnswBinaryQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/** How the HNSW graph's copy of the vectors is stored: the memory a search touches. */
public enum VectorEncoding {
  /** 4 bytes a dimension: the graph searches full-precision vectors. */
  FLOAT32,
  /** 1 byte a dimension (7-bit scalar quantization): a quarter of the memory. */
  INT7,
  /** Half a byte a dimension (4-bit scalar quantization). */
  INT4,
  /** 1 bit a dimension (Lucene's binary quantization with corrective terms). */
  BINARY;

  boolean quantized() {
    return this != FLOAT32;
  }

  /**
   * The rescoring window ({@link LuceneIndexOptions#rescorePerResult}) this encoding needs when
   * none is set. At 100k x 512-d CLIP-like vectors (docs/BENCHMARKS.md) the true top 10 lie within
   * the best 50 int7 or int4 scores (recall@10 as with every candidate rescored), but 1-bit scores
   * order them more loosely: binary found 0.855 with a window of 5 per result, 0.955 with 20.
   */
  public int defaultRescorePerResult() {
    return this == BINARY ? 20 : 5;
  }

  /**
   * The file extensions a graph search reads in full: the graph and the copy of the vectors it
   * scores with. The full-precision vectors of a quantized encoding ({@code vec}) are read only for
   * rescoring, a few per search.
   */
  Set<String> searchedFiles() {
    return switch (this) {
      case FLOAT32 -> Set.of("vex", "vec");
      case INT7, INT4 -> Set.of("vex", "veq");
      case BINARY -> Set.of("vex", "veb");
    };
  }

  KnnVectorsFormat format(int maxConnections, int beamWidth) {
    return switch (this) {
      case FLOAT32 -> new Lucene99HnswVectorsFormat(maxConnections, beamWidth);
      case INT7 ->
          new Lucene99HnswScalarQuantizedVectorsFormat(
              maxConnections, beamWidth, 1, 7, false, null, null);
      case INT4 ->
          new Lucene99HnswScalarQuantizedVectorsFormat(
              maxConnections, beamWidth, 1, 4, true, null, null);
      case BINARY -> new Lucene102HnswBinaryQuantizedVectorsFormat(maxConnections, beamWidth);
    };
  }
}
