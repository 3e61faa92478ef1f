package io.imagesearch.contract.bench;

import java.util.SplittableRandom;

/**
 * Unit vectors shaped like a CLIP model's embeddings, for benchmarks: random Gaussian vectors are
 * the easiest case for an approximate index (every neighbour is about as far as any other), while
 * real embeddings bunch into many clusters, share a common direction, and put text on the far side
 * of a "modality gap" from the images.
 *
 * <p>An image vector is {@code common·m + cluster·c_k + spread·(Σ_j λ_j z_j u_kj) + noise·g},
 * normalised: {@code m} is one direction every image shares, {@code c_k} the centre of its cluster
 * (one of {@code clusters}, picked uniformly), {@code u_kj} a random basis of {@link #RANK} axes of
 * that cluster with falling weights {@code λ_j} (the clusters are anisotropic), {@code g} isotropic
 * Gaussian noise. A text query aims at a cluster the same way but shares a text direction {@code t}
 * instead of {@code m} (the gap) and has its own noise. Deterministic for a seed.
 */
public final class ClipLikeVectors implements VectorSource {

  /** Anisotropic axes per cluster. */
  static final int RANK = 8;

  /**
   * The mixture's weights.
   *
   * @param common weight of the direction all images share (raises the mean image-image cosine)
   * @param cluster weight of the cluster centre
   * @param spread weight of the first anisotropic axis (each further one is 0.7 times the last)
   * @param noise weight of the isotropic noise
   * @param textGap weight of the text side's shared direction (the modality gap)
   * @param textNoise weight of a query's isotropic noise
   */
  public record Shape(
      double common,
      double cluster,
      double spread,
      double noise,
      double textGap,
      double textNoise) {

    /**
     * Fitted to the bundled tiny CLIP's held-out embeddings ({@code ClipLikeVectorsTest} checks the
     * fit): no shared direction, no modality gap, text almost on its images (top-1 cosine 0.95).
     */
    public static final Shape TINY_CLIP = new Shape(0, 1, 0.12, 0.1, 0, 0.22);

    /**
     * Shaped after what is published of the large CLIP models (ViT-B/32 and up): images share a
     * cone (mean image-image cosine near 0.5), text sits in a cone of its own (the modality gap)
     * and its best image scores about 0.3 (this shape: 0.48, text-image 0.18, top-1 0.37 at 512-d).
     * Not measured on a real model here: none is reachable.
     */
    public static final Shape CLIP = new Shape(1.0, 0.7, 0.5, 0.4, 1.6, 2.5);
  }

  private final int dim;
  private final int clusters;
  private final Shape shape;
  private final float[] common;
  private final float[] text;
  private final float[][] centres;
  private final float[][][] axes;
  private final SplittableRandom random;

  /** {@code clusters} clusters in {@code dim} dimensions, all drawn from {@code seed}. */
  public ClipLikeVectors(int dim, int clusters, long seed, Shape shape) {
    if (dim < 2 || clusters < 1) {
      throw new IllegalArgumentException("need dim >= 2 and clusters >= 1");
    }
    this.dim = dim;
    this.clusters = clusters;
    this.shape = shape;
    this.random = new SplittableRandom(seed);
    this.common = unit(gaussian(dim));
    // Text shares part of the images' direction: text-image cosines are positive but low.
    float[] own = unit(gaussian(dim));
    this.text = new float[dim];
    for (int i = 0; i < dim; i++) {
      text[i] = 0.5f * common[i] + 0.87f * own[i];
    }
    unit(text);
    this.centres = new float[clusters][];
    this.axes = new float[clusters][RANK][];
    for (int k = 0; k < clusters; k++) {
      centres[k] = unit(gaussian(dim));
      for (int j = 0; j < RANK; j++) {
        axes[k][j] = unit(gaussian(dim));
      }
    }
  }

  /**
   * The large-CLIP shape, one cluster per 100 vectors of an {@code n}-vector library (16 to 4096).
   */
  public static ClipLikeVectors forLibrary(int n, int dim, long seed) {
    return new ClipLikeVectors(dim, Math.clamp(n / 100, 16, 4096), seed, Shape.CLIP);
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public float[] image() {
    return member(random.nextInt(clusters), common, shape.common(), shape.noise());
  }

  @Override
  public float[] query() {
    return member(random.nextInt(clusters), text, shape.textGap(), shape.textNoise());
  }

  /** An image of cluster {@code k}: for tests that need a known cluster. */
  public float[] image(int k) {
    return member(k, common, shape.common(), shape.noise());
  }

  /** A text query aimed at cluster {@code k}. */
  public float[] query(int k) {
    return member(k, text, shape.textGap(), shape.textNoise());
  }

  private float[] member(int k, float[] side, double sideWeight, double noise) {
    double[] v = new double[dim];
    double isotropic = noise / Math.sqrt(dim);
    for (int i = 0; i < dim; i++) {
      v[i] =
          sideWeight * side[i]
              + shape.cluster() * centres[k][i]
              + isotropic * random.nextGaussian();
    }
    double lambda = shape.spread();
    for (int j = 0; j < RANK; j++) {
      double z = lambda * random.nextGaussian();
      for (int i = 0; i < dim; i++) {
        v[i] += z * axes[k][j][i];
      }
      lambda *= 0.7; // each axis weaker than the one before: an elongated cluster
    }
    float[] out = new float[dim];
    for (int i = 0; i < dim; i++) {
      out[i] = (float) v[i];
    }
    return unit(out);
  }

  private float[] gaussian(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= inv;
    }
    return v;
  }
}
