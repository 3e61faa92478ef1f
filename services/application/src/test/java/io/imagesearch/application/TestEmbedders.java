package io.imagesearch.application;

import io.imagesearch.core.port.Embedder;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/** Stand-ins for models of other spaces than {@link ColourEmbedder}'s, for model changes. */
final class TestEmbedders {
  private TestEmbedders() {}

  /** As good as the colour model, in another space: its vectors with zeros appended. */
  static Embedder widerColour(int dimension) {
    return new Widened(new ColourEmbedder(), "colour-" + dimension + "d", dimension);
  }

  /** A model that knows nothing: vectors drawn from the pixels' or the text's hash. */
  static Embedder noise() {
    return new Noise();
  }

  /** Counts the images a model embedded, to tell a resumed walk from one that started over. */
  static final class Counting extends DelegatingEmbedder {
    final AtomicInteger images = new AtomicInteger();

    Counting(Embedder delegate) {
      super(delegate);
    }

    @Override
    public List<float[]> embedImages(List<BufferedImage> batch) {
      images.addAndGet(batch.size());
      return delegate.embedImages(batch);
    }
  }

  private record Widened(Embedder base, String modelId, int dimension) implements Embedder {
    @Override
    public List<float[]> embedImages(List<BufferedImage> images) {
      return base.embedImages(images).stream().map(this::widen).toList();
    }

    @Override
    public float[] embedText(String text) {
      return widen(base.embedText(text));
    }

    private float[] widen(float[] vector) {
      return Arrays.copyOf(vector, dimension);
    }

    @Override
    public void close() {}
  }

  private static final class Noise implements Embedder {
    @Override
    public String modelId() {
      return "noise";
    }

    @Override
    public int dimension() {
      return 3;
    }

    @Override
    public List<float[]> embedImages(List<BufferedImage> images) {
      return images.stream()
          .map(
              i ->
                  vector(
                      Arrays.hashCode(
                          i.getRGB(0, 0, i.getWidth(), i.getHeight(), null, 0, i.getWidth()))))
          .toList();
    }

    @Override
    public float[] embedText(String text) {
      return vector(text.hashCode());
    }

    private static float[] vector(int seed) {
      Random random = new Random(seed);
      return new float[] {
        random.nextFloat() + 0.01f, random.nextFloat() + 0.01f, random.nextFloat() + 0.01f
      };
    }

    @Override
    public void close() {}
  }
}
