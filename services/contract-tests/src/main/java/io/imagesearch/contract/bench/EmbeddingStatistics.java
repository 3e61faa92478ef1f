package io.imagesearch.contract.bench;

import java.util.List;

/**
 * The figures that tell embeddings apart from random vectors, for checking a generator against a
 * real model: how alike the images are to each other, how far text sits from them (the modality
 * gap), and how well the best image matches each text query.
 *
 * @param meanImageCosine mean cosine over all pairs of distinct images
 * @param meanTextImageCosine mean cosine over all (text, image) pairs
 * @param top1Mean mean over the texts of their best image's cosine
 * @param top1Sd standard deviation of that best cosine over the texts
 */
public record EmbeddingStatistics(
    double meanImageCosine, double meanTextImageCosine, double top1Mean, double top1Sd) {

  /** The statistics of unit {@code images} and unit {@code texts}. */
  public static EmbeddingStatistics of(List<float[]> images, List<float[]> texts) {
    double pairSum = 0;
    long pairs = 0;
    for (int a = 0; a < images.size(); a++) {
      for (int b = a + 1; b < images.size(); b++) {
        pairSum += VectorIndexLatency.scalarDot(images.get(a), images.get(b));
        pairs++;
      }
    }
    double crossSum = 0;
    double top1Sum = 0;
    double top1Squares = 0;
    for (float[] t : texts) {
      double best = Double.NEGATIVE_INFINITY;
      for (float[] image : images) {
        double c = VectorIndexLatency.scalarDot(t, image);
        crossSum += c;
        best = Math.max(best, c);
      }
      top1Sum += best;
      top1Squares += best * best;
    }
    double top1Mean = top1Sum / texts.size();
    return new EmbeddingStatistics(
        pairSum / pairs,
        crossSum / ((double) texts.size() * images.size()),
        top1Mean,
        Math.sqrt(Math.max(0, top1Squares / texts.size() - top1Mean * top1Mean)));
  }

  @Override
  public String toString() {
    return String.format(
        "image-image cosine %.3f, text-image cosine %.3f, top-1 %.3f ± %.3f",
        meanImageCosine, meanTextImageCosine, top1Mean, top1Sd);
  }
}
