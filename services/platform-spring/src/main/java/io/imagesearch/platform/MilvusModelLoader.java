package io.imagesearch.platform;

import io.imagesearch.core.model.LoadedModel;
import io.imagesearch.core.model.ModelRef;
import io.imagesearch.core.port.ModelLoader;
import io.imagesearch.embedder.DjlModelLoading;
import io.imagesearch.embedder.EmbedderOptions;
import io.imagesearch.embedder.ModelLocation;
import io.imagesearch.embedder.ModelResolver;
import io.imagesearch.index.milvus.MilvusConfig;
import io.imagesearch.index.milvus.MilvusIndexParams;
import io.imagesearch.index.milvus.MilvusVectorIndex;
import io.micrometer.core.instrument.MeterRegistry;

/** Models in this JVM (DJL) with the Milvus collection of their vector space. */
final class MilvusModelLoader implements ModelLoader {

  private final ModelResolver resolver;
  private final EmbedderOptions options;
  private final MilvusConfig milvus;
  private final MilvusIndexParams params;
  private final MeterRegistry meters;

  MilvusModelLoader(
      ModelResolver resolver,
      EmbedderOptions options,
      MilvusConfig milvus,
      MilvusIndexParams params,
      MeterRegistry meters) {
    this.resolver = resolver;
    this.options = options;
    this.milvus = milvus;
    this.params = params;
    this.meters = meters;
  }

  @Override
  public LoadedModel load(String location, String format) {
    return new DjlModelLoading(resolver, options)
        .load(
            location,
            format,
            (modelId, dimension) -> MilvusVectorIndex.open(milvus, params, modelId, dimension),
            embedder -> new MeteredEmbedder(embedder, meters));
  }

  @Override
  public void deleteIndex(ModelRef model) {
    MilvusVectorIndex.drop(milvus, model.modelId(), model.dimension());
  }

  /** A folder as an absolute path, so a process started from another folder finds it again. */
  static String absolute(String location) {
    return ModelLocation.parse(location) instanceof ModelLocation.LocalFolder folder
        ? folder.path().toAbsolutePath().normalize().toString()
        : location.strip();
  }
}
