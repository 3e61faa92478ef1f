package io.imagesearch.imaging;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * Converts any decoded image to 8-bit RGB the way the reference pipeline does: grey replicated to
 * three channels (no colour-space conversion), transparency flattened on white with {@code
 * round((c*a + 255*(255-a)) / 255)}.
 */
final class RgbConverter {
  private RgbConverter() {}

  /** Samples read at once from a grey raster: whole rows, about 256 KiB of ints. */
  private static final int STRIP_SAMPLES = 1 << 16;

  static BufferedImage flattenToRgb(BufferedImage src) {
    int w = src.getWidth();
    int h = src.getHeight();
    int[] packed = InterleavedBytes.toArgb(src);
    if (packed != null) {
      if (src.getColorModel().hasAlpha()) {
        for (int i = 0; i < packed.length; i++) {
          packed[i] = flatten(packed[i]);
        }
      }
      return IntRgbImages.wrap(packed, w, h);
    }
    int[] argb =
        src.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
            ? greyToArgb(src.getRaster(), src.getColorModel().hasAlpha())
            : src.getRGB(0, 0, w, h, null, 0, w);
    if (src.getColorModel().hasAlpha()) {
      for (int i = 0; i < argb.length; i++) {
        argb[i] = flatten(argb[i]);
      }
    }
    return IntRgbImages.wrap(argb, w, h);
  }

  /**
   * Grey samples read raw: getRGB would apply a linear-to-sRGB curve the reference does not. They
   * are read a strip of rows at a time, so only the output is as large as the image.
   */
  private static int[] greyToArgb(Raster raster, boolean hasAlpha) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    int bits = raster.getSampleModel().getSampleSize(0);
    int shift = Math.max(0, bits - 8);
    int[] out = new int[w * h];
    int stripRows = Math.max(1, STRIP_SAMPLES / w);
    int[] grey = new int[stripRows * w];
    int[] alpha = hasAlpha ? new int[stripRows * w] : null;
    for (int top = 0; top < h; top += stripRows) {
      int rows = Math.min(stripRows, h - top);
      raster.getSamples(0, top, w, rows, 0, grey);
      if (alpha != null) {
        raster.getSamples(0, top, w, rows, 1, alpha);
      }
      int base = top * w;
      for (int i = 0; i < rows * w; i++) {
        int g = grey[i] >> shift;
        int a = alpha == null ? 255 : alpha[i] >> shift;
        out[base + i] = (a << 24) | (g << 16) | (g << 8) | g;
      }
    }
    return out;
  }

  private static int flatten(int argb) {
    int a = argb >>> 24;
    if (a == 255) {
      return argb;
    }
    int r = blendOnWhite((argb >> 16) & 0xFF, a);
    int g = blendOnWhite((argb >> 8) & 0xFF, a);
    int b = blendOnWhite(argb & 0xFF, a);
    return 0xFF000000 | (r << 16) | (g << 8) | b;
  }

  private static int blendOnWhite(int c, int a) {
    return (c * a + 255 * (255 - a) + 127) / 255;
  }
}
