package io.imagesearch.application;

import io.imagesearch.core.model.LoadedModel;
import io.imagesearch.core.model.ModelRef;
import io.imagesearch.core.port.Embedder;
import io.imagesearch.core.port.ModelLoader;
import io.imagesearch.storage.local.LuceneIndexes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Test models by location, each with a real Lucene index, as the embedded loader gives them. */
final class TestModelLoader implements ModelLoader {

  private final LuceneIndexes indexes;
  private final Map<String, Supplier<Embedder>> models = new ConcurrentHashMap<>();
  final List<String> loads = new ArrayList<>();
  final List<String> deletedIndexes = new ArrayList<>();

  TestModelLoader(Path indexDir) {
    this.indexes = new LuceneIndexes(indexDir);
  }

  TestModelLoader with(String location, Supplier<Embedder> model) {
    models.put(location, model);
    return this;
  }

  @Override
  public synchronized LoadedModel load(String location, String format) {
    Supplier<Embedder> model = models.get(location);
    if (model == null) {
      throw new IllegalArgumentException("no model at " + location);
    }
    loads.add(location);
    Embedder embedder = model.get();
    return new LoadedModel(
        new ModelRef(embedder.modelId(), embedder.dimension(), location, format),
        embedder,
        indexes.open(embedder.modelId(), embedder.dimension()));
  }

  @Override
  public synchronized void deleteIndex(ModelRef model) {
    deletedIndexes.add(model.modelId());
    indexes.delete(model.modelId(), model.dimension());
  }
}
