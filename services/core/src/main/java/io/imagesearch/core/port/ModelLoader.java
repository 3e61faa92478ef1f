package io.imagesearch.core.port;

import io.imagesearch.core.model.LoadedModel;
import io.imagesearch.core.model.ModelRef;

/** Loads models with the index of their vector space, and drops indexes no longer needed. */
public interface ModelLoader {

  /**
   * Loads the model at {@code location} in {@code format} and opens its index, creating an empty
   * one the first time.
   *
   * @throws IllegalArgumentException naming the location when there is no model there
   */
  LoadedModel load(String location, String format);

  /** Deletes the index of {@code model}'s vector space; the caller has closed it. */
  void deleteIndex(ModelRef model);
}
