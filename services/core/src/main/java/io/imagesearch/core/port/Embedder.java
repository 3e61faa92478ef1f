package io.imagesearch.core.port;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A CLIP-family dual encoder: images and texts into one space of L2-normalised vectors, so the dot
 * product of two vectors is their cosine similarity.
 *
 * <p>An embedder that runs native code must not free it under a running forward pass: once {@link
 * #close} has begun, its embedding methods throw {@link EmbedderClosedException} instead of
 * starting a pass, and {@code close} lets the passes already running finish first.
 */
public interface Embedder extends AutoCloseable {

  /** Identifies the model and its vector space, e.g. {@code tiny-clip-v1}. */
  String modelId();

  int dimension();

  /** One vector per image, in order. Images are decoded and EXIF-oriented by the caller. */
  List<float[]> embedImages(List<BufferedImage> images);

  /**
   * An image as the model takes it: what {@link #prepareImage} made of it. Only the embedder that
   * made it reads it.
   */
  interface ImageInput {}

  /** The input of an embedder that does all its work in the forward pass. */
  record UnpreparedImage(BufferedImage image) implements ImageInput {}

  /**
   * Does the part of embedding {@code image} that needs no forward pass (for CLIP: resizing,
   * cropping, normalising), for callers that run it on other threads than the model's: a worker
   * prepares the next batch while the model embeds this one, so the model waits for nothing. The
   * default keeps the image as it is.
   */
  default ImageInput prepareImage(BufferedImage image) {
    return new UnpreparedImage(image);
  }

  /**
   * One vector per input, in order, each as {@link #embedImages} gives for the image it was
   * prepared from.
   *
   * @throws IllegalArgumentException for an input that another embedder prepared
   */
  default List<float[]> embedPrepared(List<ImageInput> inputs) {
    return embedImages(inputs.stream().map(Embedder::unprepared).toList());
  }

  private static BufferedImage unprepared(ImageInput input) {
    if (input instanceof UnpreparedImage unprepared) {
      return unprepared.image();
    }
    throw new IllegalArgumentException(
        "an image input prepared by another embedder: " + input.getClass());
  }

  float[] embedText(String text);

  @Override
  void close();
}
