package io.imagesearch.application;

import java.time.Duration;
import java.util.Objects;

/**
 * How relevant hits are found, fused and cut.
 *
 * @param candidates hits taken from each ranking (vector, keyword) before fusion, cutoff and date
 *     order; the relevant set of a query is found among these
 * @param rrfK the k of reciprocal rank fusion: a hit at rank r of a ranking adds 1 / (k + r)
 * @param cutoffDeviations {@code min_score=auto} keeps hits whose cosine exceeds the mean of the
 *     query's scores over a sample of the library by this many standard deviations
 * @param cutoffSample stored vectors in that sample
 * @param cutoffSampleRefresh how long a sample is reused before it is drawn again
 */
public record RankingSettings(
    int candidates,
    int rrfK,
    double cutoffDeviations,
    int cutoffSample,
    Duration cutoffSampleRefresh) {

  /** The defaults: k = 60 as in the RRF paper, and the deviations tuned on the held-out set. */
  public static final RankingSettings DEFAULTS =
      new RankingSettings(1000, 60, 1.75, 512, Duration.ofMinutes(1));

  public RankingSettings {
    if (candidates < 1 || candidates > SearchRequest.MAX_OFFSET) {
      throw new IllegalArgumentException(
          "candidates must be between 1 and " + SearchRequest.MAX_OFFSET + ", got " + candidates);
    }
    if (rrfK < 0) {
      throw new IllegalArgumentException("rrfK must not be negative, got " + rrfK);
    }
    if (!(cutoffDeviations >= 0 && cutoffDeviations <= 10)) {
      throw new IllegalArgumentException(
          "cutoffDeviations must be between 0 and 10, got " + cutoffDeviations);
    }
    if (cutoffSample < AutoCutoff.MIN_SAMPLE) {
      throw new IllegalArgumentException(
          "cutoffSample must be at least " + AutoCutoff.MIN_SAMPLE + ", got " + cutoffSample);
    }
    Objects.requireNonNull(cutoffSampleRefresh, "cutoffSampleRefresh");
    if (cutoffSampleRefresh.isNegative()) {
      throw new IllegalArgumentException("cutoffSampleRefresh must not be negative");
    }
  }
}
