package io.imagesearch.imaging;

import io.imagesearch.imaging.ImageRejectedException.Reason;

/**
 * Refuses the BMP files that wrap a whole JPEG or PNG file (compression BI_JPEG or BI_PNG, meant
 * for printers). ImageIO's BMP reader allocates the image size field's bytes up front, so 12 KB
 * declaring 2 GB took 2 GB of heap; and the wrapped file reaches the JPEG or PNG reader past every
 * check the decoder makes on those formats (metadata budget, scan limit, dimensions).
 */
final class BmpCompression {
  private BmpCompression() {}

  static void refuseEmbeddedImages(byte[] bmp) {
    int compression = BmpHeader.compression(bmp);
    if (compression == BmpHeader.JPEG || compression == BmpHeader.PNG) {
      throw new ImageRejectedException(
          Reason.UNSUPPORTED_FORMAT,
          "The BMP file wraps a "
              + (compression == BmpHeader.JPEG ? "JPEG" : "PNG")
              + " image, which is not supported: upload the "
              + (compression == BmpHeader.JPEG ? "JPEG" : "PNG")
              + " file itself.");
    }
  }
}
