package io.imagesearch.core.port;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A CLIP-family dual encoder: images and texts into one space of L2-normalised vectors, so the dot
 * product of two vectors is their cosine similarity.
 */
public interface Embedder extends AutoCloseable {

  /** Identifies the model and its vector space, e.g. {@code tiny-clip-v1}. */
  String modelId();

  int dimension();

  /** One vector per image, in order. Images are decoded and EXIF-oriented by the caller. */
  List<float[]> embedImages(List<BufferedImage> images);

  float[] embedText(String text);

  @Override
  void close();
}
