package io.imagesearch.application;

/**
 * How a library-wide reindex walks the stored images.
 *
 * @param batchSize images listed, embedded in one forward pass and upserted together; the progress
 *     is saved after each batch, so a crash redoes at most one
 * @param prepareThreads images of a batch decoded and resized at once
 * @param yieldToIngest wait while uploads are queued, so live ingest keeps its priority
 * @param maxImagesPerSecond an upper bound on the walk's pace; 0 for none
 */
public record ReindexSettings(
    int batchSize, int prepareThreads, boolean yieldToIngest, double maxImagesPerSecond) {

  public ReindexSettings {
    if (batchSize < 1 || prepareThreads < 1) {
      throw new IllegalArgumentException("batchSize and prepareThreads must be at least 1");
    }
    if (!(maxImagesPerSecond >= 0) || Double.isInfinite(maxImagesPerSecond)) {
      throw new IllegalArgumentException(
          "maxImagesPerSecond must be a finite number, 0 for no limit: " + maxImagesPerSecond);
    }
  }
}
