package io.imagesearch.application;

import io.imagesearch.core.port.VectorIndex;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.WeakHashMap;

/**
 * The per-query threshold of {@code min_score=auto}: the mean of the query's cosine similarity to a
 * sample of the library plus {@code deviations} standard deviations. A fixed threshold fails
 * because every query (and every model) scores on its own scale; relative to what the same query
 * scores against images at large, a match stands out by about the same margin. The sample is drawn
 * by the index ({@link VectorIndex#sampleVectors}, uniform over the library) and kept for a while,
 * so the threshold does not depend on how many candidates a search takes or on the page.
 *
 * <p>Chosen over the largest gap in the sorted scores, which on the tiny model's held-out set kept
 * every correct image too but let 18 images through on average and up to 199 of the 200 (a query
 * whose scores fall smoothly has no gap); docs/BENCHMARKS.md has the numbers.
 */
final class AutoCutoff {

  /** Fewer stored images than this give no reliable spread: every hit counts as relevant. */
  static final int MIN_SAMPLE = 20;

  private final RankingSettings settings;
  private final Map<VectorIndex, Sample> samples = Collections.synchronizedMap(new WeakHashMap<>());

  AutoCutoff(RankingSettings settings) {
    this.settings = settings;
  }

  /**
   * The cosine threshold of {@code query} in {@code index}; empty while the library is too small.
   */
  OptionalDouble threshold(VectorIndex index, float[] query) {
    Sample sample = sampleOf(index);
    int size = sample.vectors.size();
    if (size < MIN_SAMPLE) {
      return OptionalDouble.empty();
    }
    double queryNorm = norm(query);
    double sum = 0;
    double sumOfSquares = 0;
    for (int i = 0; i < size; i++) {
      double cosine = dot(query, sample.vectors.get(i)) / (queryNorm * sample.norms[i]);
      sum += cosine;
      sumOfSquares += cosine * cosine;
    }
    double mean = sum / size;
    double sd = Math.sqrt(Math.max(0, sumOfSquares / size - mean * mean));
    return OptionalDouble.of(Math.clamp(mean + settings.cutoffDeviations() * sd, -1, 1));
  }

  private Sample sampleOf(VectorIndex index) {
    long now = System.nanoTime();
    Sample cached = samples.get(index);
    if (cached != null && now - cached.drawnAt < settings.cutoffSampleRefresh().toNanos()) {
      return cached;
    }
    Sample fresh = Sample.of(index.sampleVectors(settings.cutoffSample()), now);
    samples.put(index, fresh);
    return fresh;
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  private static double norm(float[] v) {
    return Math.sqrt(dot(v, v));
  }

  /** The sample's vectors with their norms, computed once per sample rather than per query. */
  private record Sample(List<float[]> vectors, double[] norms, long drawnAt) {
    static Sample of(List<float[]> drawn, long drawnAt) {
      List<float[]> vectors = List.copyOf(drawn);
      return new Sample(vectors, vectors.stream().mapToDouble(AutoCutoff::norm).toArray(), drawnAt);
    }
  }
}
