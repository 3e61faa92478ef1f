package io.imagesearch.embedder;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Everything needed to run a CLIP-family model: where its towers and tokenizer are, and the
 * preprocessing and tokenization its authors used.
 *
 * @param modelId names the vector space (index names carry it)
 * @param dimension embedding length
 * @param format serialisation of {@code visual} and {@code textual}
 * @param visual image tower file
 * @param textual text tower file
 * @param tokenizer HuggingFace {@code tokenizer.json}
 * @param imageSize square input side
 * @param mean per-channel RGB mean in [0,1]
 * @param std per-channel RGB standard deviation
 * @param contextLength token ids per text
 * @param padId id that fills a text up to {@code contextLength}
 * @param textIdsAreInt64 true when the text tower takes int64 ids, false for int32
 * @param crop how the center crop's offset is rounded by the model's reference pipeline
 */
public record ClipModelSpec(
    String modelId,
    int dimension,
    ModelFormat format,
    Path visual,
    Path textual,
    Path tokenizer,
    int imageSize,
    float[] mean,
    float[] std,
    int contextLength,
    long padId,
    boolean textIdsAreInt64,
    CropRounding crop) {

  public ClipModelSpec {
    requireFile(visual, "image tower");
    requireFile(textual, "text tower");
    requireFile(tokenizer, "tokenizer.json");
    if (dimension < 1 || imageSize < 1 || contextLength < 2) {
      throw new InvalidModelException(
          "model " + modelId + ": dimension, image size and context length must be positive");
    }
    if (mean.length != 3 || std.length != 3) {
      throw new InvalidModelException("model " + modelId + ": mean and std need 3 values each");
    }
  }

  public ImagePreprocessor preprocessor() {
    return new ImagePreprocessor(imageSize, mean, std, crop);
  }

  private static void requireFile(Path file, String what) {
    if (file == null || !Files.isRegularFile(file)) {
      throw new InvalidModelException("the model's " + what + " is missing: expected " + file);
    }
  }
}
