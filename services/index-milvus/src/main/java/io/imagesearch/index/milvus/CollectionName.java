package io.imagesearch.index.milvus;

import io.imagesearch.core.search.VectorSpaces;

/**
 * Collection name of one model and dimension, {@code images_<model>_d<dim>}, so a model change
 * never mixes vector spaces. Milvus allows letters, digits and underscores, at most 255 characters.
 */
final class CollectionName {

  private CollectionName() {}

  static String of(String modelId, int dimension) {
    return "images_" + VectorSpaces.safeModelName(modelId, "", '_') + "_d" + dimension;
  }
}
