package io.imagesearch.platform;

import io.imagesearch.core.port.Embedder;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.awt.image.BufferedImage;
import java.util.List;

/** Times every forward pass and records batch sizes, without the embedder knowing Micrometer. */
final class MeteredEmbedder implements Embedder {

  private final Embedder delegate;
  private final Timer imageLatency;
  private final Timer textLatency;
  private final DistributionSummary batchSize;

  MeteredEmbedder(Embedder delegate, MeterRegistry meters) {
    this.delegate = delegate;
    this.imageLatency =
        Timer.builder("imagesearch.embedding.latency")
            .tag("input", "image")
            .description("Time of one image batch through the model")
            .publishPercentileHistogram()
            .register(meters);
    this.textLatency =
        Timer.builder("imagesearch.embedding.latency")
            .tag("input", "text")
            .description("Time to embed one query text")
            .publishPercentileHistogram()
            .register(meters);
    this.batchSize =
        DistributionSummary.builder("imagesearch.embedding.batch.size")
            .description("Images per forward pass")
            .register(meters);
  }

  @Override
  public String modelId() {
    return delegate.modelId();
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public List<float[]> embedImages(List<BufferedImage> images) {
    batchSize.record(images.size());
    return imageLatency.record(() -> delegate.embedImages(images));
  }

  @Override
  public ImageInput prepareImage(BufferedImage image) {
    return delegate.prepareImage(image);
  }

  @Override
  public List<float[]> embedPrepared(List<ImageInput> inputs) {
    batchSize.record(inputs.size());
    return imageLatency.record(() -> delegate.embedPrepared(inputs));
  }

  @Override
  public float[] embedText(String text) {
    return textLatency.record(() -> delegate.embedText(text));
  }

  @Override
  public void close() {
    delegate.close();
  }
}
