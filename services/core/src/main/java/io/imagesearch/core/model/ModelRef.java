package io.imagesearch.core.model;

import java.util.Objects;

/**
 * A model and the vector space it embeds into: its id and dimension name the space (and so the
 * index), its location and format say where to load it from again after a restart.
 *
 * @param modelId the model's own id, e.g. {@code tiny-clip-v1}
 * @param dimension the length of its vectors
 * @param location where it is loaded from: a folder, a pinned archive URL or a Hugging Face repo
 * @param format the runtime of its export, e.g. {@code ONNX}
 */
public record ModelRef(String modelId, int dimension, String location, String format) {

  public ModelRef {
    if (modelId == null || modelId.isBlank()) {
      throw new IllegalArgumentException("a model needs an id");
    }
    if (dimension < 1) {
      throw new IllegalArgumentException("a model's dimension must be positive, got " + dimension);
    }
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(format, "format");
  }

  /** Same id and dimension: the same vectors, so the same index, wherever it was loaded from. */
  public boolean sameSpace(ModelRef other) {
    return modelId.equals(other.modelId) && dimension == other.dimension;
  }

  /** How logs and messages name it: {@code tiny-clip-v1 (64-d)}. */
  public String describe() {
    return modelId + " (" + dimension + "-d)";
  }
}
