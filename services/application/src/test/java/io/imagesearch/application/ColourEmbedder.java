package io.imagesearch.application;

import io.imagesearch.core.port.Embedder;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic stand-in for CLIP: an image maps to its mean colour, a text to the colour it
 * names. Enough to check that the use cases route vectors correctly. Tests extend it to change how
 * its forward pass behaves.
 */
class ColourEmbedder implements Embedder {

  @Override
  public String modelId() {
    return "colour-test";
  }

  @Override
  public int dimension() {
    return 3;
  }

  @Override
  public List<float[]> embedImages(List<BufferedImage> images) {
    return images.stream().map(ColourEmbedder::meanColour).toList();
  }

  @Override
  public float[] embedText(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    if (t.contains("red")) {
      return new float[] {1, 0.05f, 0.05f};
    }
    if (t.contains("green")) {
      return new float[] {0.05f, 1, 0.05f};
    }
    return new float[] {0.05f, 0.05f, 1};
  }

  private static float[] meanColour(BufferedImage image) {
    double r = 0;
    double g = 0;
    double b = 0;
    int n = image.getWidth() * image.getHeight();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        r += (p >> 16) & 0xFF;
        g += (p >> 8) & 0xFF;
        b += p & 0xFF;
      }
    }
    return new float[] {(float) (r / n + 1), (float) (g / n + 1), (float) (b / n + 1)};
  }

  @Override
  public void close() {}
}
