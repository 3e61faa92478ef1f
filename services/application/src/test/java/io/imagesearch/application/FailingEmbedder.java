package io.imagesearch.application;

import io.imagesearch.core.port.Embedder;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A real embedder that runs out of memory on images {@value #POISON_WIDTH} pixels wide, in the step
 * given: as a model or its preprocessing would on an input it cannot take.
 */
final class FailingEmbedder extends DelegatingEmbedder {

  static final int POISON_WIDTH = 97;

  enum Step {
    PREPARE,
    EMBED
  }

  private final Step step;

  FailingEmbedder(Embedder delegate, Step step) {
    super(delegate);
    this.step = step;
  }

  private record Marked(ImageInput input, boolean poisoned) implements ImageInput {}

  @Override
  public ImageInput prepareImage(BufferedImage image) {
    boolean poisoned = image.getWidth() == POISON_WIDTH;
    if (poisoned && step == Step.PREPARE) {
      throw new OutOfMemoryError("Java heap space (while preparing a test image)");
    }
    return new Marked(delegate.prepareImage(image), poisoned);
  }

  @Override
  public List<float[]> embedPrepared(List<ImageInput> inputs) {
    if (inputs.stream().anyMatch(input -> ((Marked) input).poisoned())) {
      throw new OutOfMemoryError("Java heap space (in a test forward pass)");
    }
    return delegate.embedPrepared(inputs.stream().map(input -> ((Marked) input).input()).toList());
  }
}
