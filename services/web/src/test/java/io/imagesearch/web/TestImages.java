package io.imagesearch.web;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Encoded images made on the fly. */
final class TestImages {
  private TestImages() {}

  static byte[] png(Color colour) {
    return png(solid(colour, 16, 16));
  }

  /** A 1x1 image: below the decoder's smallest side. */
  static byte[] tinyPng() {
    return png(solid(Color.RED, 1, 1));
  }

  /** Random pixels do not compress: larger than {@link FakePorts#MAX_IMAGE_BYTES}. */
  static byte[] noisePng() {
    BufferedImage image = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    return png(image);
  }

  private static BufferedImage solid(Color colour, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, colour.getRGB());
      }
    }
    return image;
  }

  private static byte[] png(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
