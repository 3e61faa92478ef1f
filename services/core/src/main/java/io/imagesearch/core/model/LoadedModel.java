package io.imagesearch.core.model;

import io.imagesearch.core.port.Embedder;
import io.imagesearch.core.port.VectorIndex;
import java.util.Objects;

/**
 * A model in memory with the index of its vector space: the pair a search must use together, so a
 * query embedded by one model never runs against another model's vectors.
 */
public record LoadedModel(ModelRef ref, Embedder embedder, VectorIndex index)
    implements AutoCloseable {

  public LoadedModel {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(embedder, "embedder");
    Objects.requireNonNull(index, "index");
    if (!ref.modelId().equals(embedder.modelId()) || ref.dimension() != embedder.dimension()) {
      throw new IllegalArgumentException(
          ref.describe() + " does not describe its embedder " + embedder.modelId());
    }
    if (index.dimension() != ref.dimension()) {
      throw new IllegalArgumentException(
          "the index of " + ref.describe() + " holds vectors of dimension " + index.dimension());
    }
  }

  /** The index first: it commits what it has; the model holds nothing durable. */
  @Override
  public void close() {
    try {
      index.close();
    } finally {
      embedder.close();
    }
  }
}
