package io.imagesearch.embedded;

import io.imagesearch.core.model.LoadedModel;
import io.imagesearch.core.model.ModelRef;
import io.imagesearch.core.port.ModelLoader;
import io.imagesearch.embedder.DjlModelLoading;
import io.imagesearch.embedder.EmbedderOptions;
import io.imagesearch.embedder.ModelLocation;
import io.imagesearch.embedder.ModelResolver;
import io.imagesearch.storage.local.LuceneIndexes;

/** Models in this JVM (DJL) with their Lucene index in the data folder. */
final class EmbeddedModelLoader implements ModelLoader {

  private final ModelResolver resolver;
  private final EmbedderOptions options;
  private final LuceneIndexes indexes;

  EmbeddedModelLoader(ModelResolver resolver, EmbedderOptions options, LuceneIndexes indexes) {
    this.resolver = resolver;
    this.options = options;
    this.indexes = indexes;
  }

  @Override
  public LoadedModel load(String location, String format) {
    return new DjlModelLoading(resolver, options)
        .load(location, format, indexes::open, embedder -> embedder);
  }

  @Override
  public void deleteIndex(ModelRef model) {
    indexes.delete(model.modelId(), model.dimension());
  }

  /** A folder as an absolute path, so a start from another working folder finds it again. */
  static String absolute(String location) {
    return ModelLocation.parse(location) instanceof ModelLocation.LocalFolder folder
        ? folder.path().toAbsolutePath().normalize().toString()
        : location.strip();
  }
}
