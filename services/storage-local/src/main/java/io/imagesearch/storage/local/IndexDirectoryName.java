package io.imagesearch.storage.local;

import io.imagesearch.core.search.VectorSpaces;

/**
 * Directory name of the index of one model and dimension, {@code <model>-d<dim>}, so a model change
 * never mixes vector spaces; the model part is a safe, portable file name.
 */
final class IndexDirectoryName {

  private IndexDirectoryName() {}

  static String of(String modelId, int dimension) {
    return VectorSpaces.safeModelName(modelId, "_-", '-') + "-d" + dimension;
  }
}
