package io.imagesearch.imaging;

import java.awt.Point;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/** TYPE_INT_RGB images backed by a pixel array without copying it. */
public final class IntRgbImages {
  private IntRgbImages() {}

  private static final DirectColorModel RGB = new DirectColorModel(24, 0xFF0000, 0xFF00, 0xFF);

  /** An image over {@code pixels} (0xRRGGBB, row by row); the array is shared, not copied. */
  public static BufferedImage wrap(int[] pixels, int w, int h) {
    WritableRaster raster =
        Raster.createPackedRaster(
            new DataBufferInt(pixels, pixels.length), w, h, w, RGB.getMasks(), new Point(0, 0));
    return new BufferedImage(RGB, raster, false, null);
  }

  /**
   * The pixels of an image as 0xRRGGBB in the low 24 bits, row by row: the backing array itself for
   * a plain TYPE_INT_RGB image (callers must not modify it), a converted copy otherwise.
   */
  public static int[] pixels(BufferedImage image) {
    Raster raster = image.getRaster();
    if (image.getType() == BufferedImage.TYPE_INT_RGB
        && raster.getDataBuffer() instanceof DataBufferInt buffer
        && buffer.getNumBanks() == 1
        && buffer.getOffset() == 0
        && raster.getSampleModelTranslateX() == 0
        && raster.getSampleModelTranslateY() == 0
        && buffer.getSize() == image.getWidth() * image.getHeight()) {
      return buffer.getData();
    }
    int[] bytes = image.getColorModel().hasAlpha() ? null : InterleavedBytes.toArgb(image);
    if (bytes != null) {
      return bytes;
    }
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }
}
