package io.imagesearch.storage.local.bench;

import io.imagesearch.storage.local.LuceneIndexOptions;
import io.imagesearch.storage.local.VectorEncoding;
import java.time.Duration;

/**
 * The index options of a benchmark configuration: {@code previous} (the adapter before the
 * benchmark: full-precision graph, no exact path, no merge) or an encoding with the defaults, each
 * setting overridable from the environment for sweeps (MAX_CONN, BEAM_WIDTH, MIN_CANDIDATES,
 * OVERSAMPLE, RESCORE_PER_RESULT).
 */
final class BenchOptions {
  private BenchOptions() {}

  /**
   * {@code config}'s options, with the crossover from {@code args[exactScanAt]} when the command
   * line has it (EXACT_BELOW of tools/bench/vectors.sh).
   */
  static LuceneIndexOptions of(String config, String[] args, int exactScanAt) {
    LuceneIndexOptions options = of(config);
    return args.length > exactScanAt
        ? options.withExactScanBelow(Integer.parseInt(args[exactScanAt]))
        : options;
  }

  private static LuceneIndexOptions of(String config) {
    LuceneIndexOptions base = configured(config);
    return new LuceneIndexOptions(
        base.exactScanBelow(),
        base.encoding(),
        intEnv("MAX_CONN", base.maxConnections()),
        intEnv("BEAM_WIDTH", base.beamWidth()),
        intEnv("MIN_CANDIDATES", base.minCandidates()),
        doubleEnv("OVERSAMPLE", base.oversample()),
        intEnv("RESCORE_PER_RESULT", base.rescorePerResult()),
        base.mergeWhenIdle(),
        base.maxSegments());
  }

  /** {@code options} searched with another beam. */
  static LuceneIndexOptions withMinCandidates(LuceneIndexOptions options, int candidates) {
    return new LuceneIndexOptions(
        options.exactScanBelow(),
        options.encoding(),
        options.maxConnections(),
        options.beamWidth(),
        candidates,
        options.oversample(),
        options.rescorePerResult(),
        options.mergeWhenIdle(),
        options.maxSegments());
  }

  private static LuceneIndexOptions configured(String config) {
    LuceneIndexOptions defaults = LuceneIndexOptions.DEFAULTS;
    if ("previous".equals(config)) {
      return new LuceneIndexOptions(
          0, VectorEncoding.FLOAT32, 16, 100, 100, 1, 0, Duration.ZERO, defaults.maxSegments());
    }
    return defaults.withEncoding(VectorEncoding.valueOf(config.toUpperCase()));
  }

  private static int intEnv(String name, int otherwise) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? otherwise : Integer.parseInt(value);
  }

  private static double doubleEnv(String name, double otherwise) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? otherwise : Double.parseDouble(value);
  }
}
