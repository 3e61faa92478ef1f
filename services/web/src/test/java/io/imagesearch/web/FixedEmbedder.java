package io.imagesearch.web;

import io.imagesearch.core.port.Embedder;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every text and image maps to one vector; the texts asked for are recorded. */
final class FixedEmbedder implements Embedder {

  static final float[] QUERY = {1, 0};

  private final List<String> texts = new CopyOnWriteArrayList<>();

  List<String> texts() {
    return List.copyOf(texts);
  }

  void clear() {
    texts.clear();
  }

  @Override
  public String modelId() {
    return "fixed-test";
  }

  @Override
  public int dimension() {
    return QUERY.length;
  }

  @Override
  public List<float[]> embedImages(List<BufferedImage> images) {
    return images.stream().map(image -> QUERY.clone()).toList();
  }

  @Override
  public float[] embedText(String text) {
    texts.add(text);
    return QUERY.clone();
  }

  @Override
  public void close() {}
}
