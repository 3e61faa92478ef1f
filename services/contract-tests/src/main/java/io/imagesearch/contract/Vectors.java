package io.imagesearch.contract;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Vector arithmetic for tests: random vectors and the exact answers an index must approximate. */
public final class Vectors {

  private Vectors() {}

  /** Gaussian components, so directions are uniform on the sphere; norms are left as they come. */
  public static float[] random(Random random, int dimension) {
    float[] v = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  /** The unit vector along axis {@code axis}. */
  public static float[] axis(int dimension, int axis) {
    float[] v = new float[dimension];
    v[axis] = 1f;
    return v;
  }

  public static float[] scale(float[] v, float factor) {
    float[] scaled = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      scaled[i] = v[i] * factor;
    }
    return scaled;
  }

  /** Cosine similarity in double precision, the reference every index score is checked against. */
  public static double cosine(float[] a, float[] b) {
    double dot = 0;
    double normA = 0;
    double normB = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      normA += (double) a[i] * a[i];
      normB += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(normA * normB);
  }

  /** Keys of {@code vectors} by descending cosine to {@code query}, first {@code k} of them. */
  public static <K> List<K> exactTopK(Map<K, float[]> vectors, float[] query, int k) {
    return vectors.entrySet().stream()
        .sorted(
            Comparator.comparingDouble((Map.Entry<K, float[]> e) -> -cosine(e.getValue(), query)))
        .limit(k)
        .map(Map.Entry::getKey)
        .toList();
  }
}
