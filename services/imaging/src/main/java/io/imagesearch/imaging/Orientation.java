package io.imagesearch.imaging;

import java.awt.image.BufferedImage;

/** Applies an EXIF orientation (1-8) by moving pixels exactly, with no resampling. */
final class Orientation {
  private Orientation() {}

  static BufferedImage apply(BufferedImage src, int orientation) {
    if (orientation == 1) {
      return src;
    }
    int w = src.getWidth();
    int h = src.getHeight();
    boolean swap = orientation >= 5;
    // The source's own array when it has one: a copy would add a third image-sized array.
    int[] in = IntRgbImages.pixels(src);
    int ow = swap ? h : w;
    int[] pixels = new int[in.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int dx;
        int dy;
        switch (orientation) {
          case 2 -> {
            dx = w - 1 - x;
            dy = y;
          }
          case 3 -> {
            dx = w - 1 - x;
            dy = h - 1 - y;
          }
          case 4 -> {
            dx = x;
            dy = h - 1 - y;
          }
          case 5 -> {
            dx = y;
            dy = x;
          }
          case 6 -> {
            dx = h - 1 - y;
            dy = x;
          }
          case 7 -> {
            dx = h - 1 - y;
            dy = w - 1 - x;
          }
          case 8 -> {
            dx = y;
            dy = w - 1 - x;
          }
          default ->
              throw new IllegalArgumentException("EXIF orientation out of range: " + orientation);
        }
        pixels[dy * ow + dx] = in[y * w + x];
      }
    }
    return IntRgbImages.wrap(pixels, ow, swap ? w : h);
  }
}
