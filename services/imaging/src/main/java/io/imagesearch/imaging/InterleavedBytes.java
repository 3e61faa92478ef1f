package io.imagesearch.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;

/**
 * Reads the byte layouts ImageIO decodes JPEG and PNG into (BGR, ABGR) straight from the raster.
 * {@code getRGB} converts pixel by pixel through the colour model and dominated decoding time.
 */
final class InterleavedBytes {
  private InterleavedBytes() {}

  /** Packed 0xAARRGGBB pixels, or null when the image has another layout. */
  static int[] toArgb(BufferedImage image) {
    int type = image.getType();
    if (type != BufferedImage.TYPE_3BYTE_BGR && type != BufferedImage.TYPE_4BYTE_ABGR) {
      return null;
    }
    Raster raster = image.getRaster();
    if (!(raster.getDataBuffer() instanceof DataBufferByte buffer)
        || !(raster.getSampleModel() instanceof ComponentSampleModel model)
        || buffer.getNumBanks() != 1
        || raster.getSampleModelTranslateX() != 0
        || raster.getSampleModelTranslateY() != 0) {
      return null;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    int stride = model.getScanlineStride();
    int pixelStride = model.getPixelStride();
    int[] offsets = model.getBandOffsets();
    byte[] data = buffer.getData();
    int base = buffer.getOffset();
    int[] out = new int[w * h];
    boolean alpha = type == BufferedImage.TYPE_4BYTE_ABGR;
    // Band order in the sample model is R, G, B (, A) whatever the byte order in memory.
    for (int y = 0; y < h; y++) {
      int row = base + y * stride;
      for (int x = 0; x < w; x++) {
        int p = row + x * pixelStride;
        int r = data[p + offsets[0]] & 0xFF;
        int g = data[p + offsets[1]] & 0xFF;
        int b = data[p + offsets[2]] & 0xFF;
        int a = alpha ? data[p + offsets[3]] & 0xFF : 0xFF;
        out[y * w + x] = (a << 24) | (r << 16) | (g << 8) | b;
      }
    }
    return out;
  }
}
