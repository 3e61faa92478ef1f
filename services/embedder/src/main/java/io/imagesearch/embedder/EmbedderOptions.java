package io.imagesearch.embedder;

/**
 * Tuning of the inference runtime.
 *
 * @param batchSize images per forward pass
 * @param predictors concurrent forward passes per tower (each holds its own predictor)
 * @param intraOpThreads threads one forward pass may use
 */
public record EmbedderOptions(int batchSize, int predictors, int intraOpThreads) {

  public EmbedderOptions {
    if (batchSize < 1 || predictors < 1 || intraOpThreads < 1) {
      throw new IllegalArgumentException(
          "batchSize, predictors and intraOpThreads must be at least 1: " + this);
    }
  }

  /** Batches of 16, one predictor, every core for it. */
  public static EmbedderOptions defaults() {
    return new EmbedderOptions(16, 1, Runtime.getRuntime().availableProcessors());
  }
}
