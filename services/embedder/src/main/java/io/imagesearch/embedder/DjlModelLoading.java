package io.imagesearch.embedder;

import io.imagesearch.core.model.LoadedModel;
import io.imagesearch.core.model.ModelRef;
import io.imagesearch.core.port.Embedder;
import io.imagesearch.core.port.VectorIndex;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The part of loading a model that both modes' {@code ModelLoader}s share: fetch and load the DJL
 * model, then open the index of its vector space, closing the model again when the index cannot be
 * opened so that a failed load holds no native memory.
 */
public final class DjlModelLoading {

  /** Opens the index of one vector space: a model id and a dimension. */
  @FunctionalInterface
  public interface IndexOpener {
    VectorIndex open(String modelId, int dimension);
  }

  private final ModelResolver resolver;
  private final EmbedderOptions options;

  public DjlModelLoading(ModelResolver resolver, EmbedderOptions options) {
    this.resolver = resolver;
    this.options = options;
  }

  /**
   * The model at {@code location} with its index; {@code wrap} decorates the embedder (metrics,
   * say) and gets the DJL embedder itself.
   */
  public LoadedModel load(
      String location, String format, IndexOpener indexes, UnaryOperator<Embedder> wrap) {
    Path folder = resolver.resolve(ModelLocation.parse(location));
    DjlClipEmbedder embedder =
        DjlClipEmbedder.load(
            ClipModelSpecReader.read(folder, ModelFormat.valueOf(format)), options);
    try {
      VectorIndex index = indexes.open(embedder.modelId(), embedder.dimension());
      return new LoadedModel(
          new ModelRef(embedder.modelId(), embedder.dimension(), location, format),
          wrap.apply(embedder),
          index);
    } catch (RuntimeException e) {
      embedder.close();
      throw e;
    }
  }
}
