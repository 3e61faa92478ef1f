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

  private static final int INFO_HEADER = 14;

  /** BITMAPINFOHEADER and its successors carry the compression field; the OS/2 header does not. */
  private static final int SMALLEST_HEADER_WITH_COMPRESSION = 40;

  private static final int COMPRESSION = INFO_HEADER + 16;
  private static final int BI_JPEG = 4;
  private static final int BI_PNG = 5;

  static void refuseEmbeddedImages(byte[] bmp) {
    if (bmp.length < COMPRESSION + 4
        || FileBytes.intLittleEndian(bmp, INFO_HEADER) < SMALLEST_HEADER_WITH_COMPRESSION) {
      return;
    }
    int compression = FileBytes.intLittleEndian(bmp, COMPRESSION);
    if (compression == BI_JPEG || compression == BI_PNG) {
      throw new ImageRejectedException(
          Reason.UNSUPPORTED_FORMAT,
          "The BMP file wraps a "
              + (compression == BI_JPEG ? "JPEG" : "PNG")
              + " image, which is not supported: upload the "
              + (compression == BI_JPEG ? "JPEG" : "PNG")
              + " file itself.");
    }
  }
}
