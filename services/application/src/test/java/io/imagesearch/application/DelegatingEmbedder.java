package io.imagesearch.application;

import io.imagesearch.core.port.Embedder;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A test embedder wrapping a real one: everything goes to the delegate unless a subclass changes
 * it. The delegate is shared by the tests and closed by them, so closing this does nothing.
 */
abstract class DelegatingEmbedder implements Embedder {

  protected final Embedder delegate;

  DelegatingEmbedder(Embedder delegate) {
    this.delegate = delegate;
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
    return delegate.embedImages(images);
  }

  @Override
  public float[] embedText(String text) {
    return delegate.embedText(text);
  }

  @Override
  public void close() {}
}
