package io.imagesearch.application;

import io.imagesearch.testsupport.HostileImages;
import java.awt.Color;
import java.awt.image.BufferedImage;

/** Small PNGs of one colour: each colour gives other bytes, so another image id. */
final class TestPngs {
  private TestPngs() {}

  static byte[] solid(Color colour) {
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 64; i++) {
      image.setRGB(i % 8, i / 8, colour.getRGB());
    }
    return HostileImages.encode(image, "png");
  }
}
