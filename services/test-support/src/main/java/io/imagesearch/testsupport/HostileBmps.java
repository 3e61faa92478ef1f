package io.imagesearch.testsupport;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Hostile BMP files, written field by field: sizes the data does not hold, negative sizes, RLE
 * streams that jump off the canvas, and the embedded JPEG and PNG that BMP allows.
 */
public final class HostileBmps {
  private HostileBmps() {}

  private static final int FILE_HEADER = 14;
  private static final int INFO_HEADER = 40;
  private static final int BI_RLE8 = 1;
  private static final int BI_BITFIELDS = 3;
  private static final int BI_JPEG = 4;
  private static final int BI_PNG = 5;

  /** The fields of a BITMAPINFOHEADER that the cases vary. */
  private record Info(
      int width, int height, int bitsPerPixel, int compression, long imageSize, int coloursUsed) {}

  /** A {@code w x h} 24-bit BMP of one colour, stored top-down when {@code topDown}. */
  public static byte[] uniform(int w, int h, boolean topDown) {
    return bmp(new Info(w, topDown ? -h : h, 24, 0, 0, 0), new byte[0], pixels24(w, h));
  }

  /** A 24-bit BMP header declaring {@code w x h} followed by 96 x 64 pixels' worth of data. */
  public static byte[] declaring(int w, int h) {
    return bmp(new Info(w, h, 24, 0, 0, 0), new byte[0], pixels24(96, 64));
  }

  /** A BMP of {@code bitsPerPixel} bits per pixel, 96 x 64, uncompressed. */
  public static byte[] withBitsPerPixel(int bitsPerPixel) {
    return bmp(new Info(96, 64, bitsPerPixel, 0, 0, 0), new byte[0], pixels24(96, 64));
  }

  /** 1-, 4- or 8-bit palette BMP as ImageIO writes it from an indexed image of {@code type}. */
  public static byte[] indexed(int bufferedImageType) {
    BufferedImage indexed = new BufferedImage(96, 64, bufferedImageType);
    indexed.getGraphics().drawImage(HostileImages.ordinaryImage(96, 64), 0, 0, null);
    return HostileImages.encode(indexed, "bmp");
  }

  /** A 96 x 64 RLE8 BMP of one colour, one run a row. */
  public static byte[] rle8() {
    ByteArrayOutputStream rle = new ByteArrayOutputStream();
    for (int y = 0; y < 64; y++) {
      rle.write(96);
      rle.write(1);
      rle.write(0);
      rle.write(0); // end of line
    }
    rle.write(0);
    rle.write(1); // end of bitmap
    return bmp(new Info(96, 64, 8, BI_RLE8, rle.size(), 2), palette(2), rle.toByteArray());
  }

  /** A 96 x 64 RLE8 BMP whose delta escapes move the cursor far off the canvas, then draw. */
  public static byte[] rle8JumpingOffTheCanvas() {
    ByteArrayOutputStream rle = new ByteArrayOutputStream();
    for (int i = 0; i < 200; i++) {
      rle.writeBytes(new byte[] {0, 2, (byte) 255, (byte) 255}); // delta: right 255, up 255
      rle.writeBytes(new byte[] {(byte) 255, 1});
    }
    rle.write(0);
    rle.write(1);
    return bmp(new Info(96, 64, 8, BI_RLE8, rle.size(), 2), palette(2), rle.toByteArray());
  }

  /** A 32-bit BI_BITFIELDS BMP whose colour masks are all zero. */
  public static byte[] zeroBitfields() {
    return bmp(new Info(96, 64, 32, BI_BITFIELDS, 0, 0), new byte[12], new byte[96 * 64 * 4]);
  }

  /** A BMP (BI_PNG) wrapping {@code png}, its image size field saying {@code declaredSize}. */
  public static byte[] embeddedPng(byte[] png, long declaredSize) {
    return bmp(new Info(96, 64, 0, BI_PNG, declaredSize, 0), new byte[0], png);
  }

  /** A BMP (BI_JPEG) wrapping {@code jpeg}, its image size field saying its length. */
  public static byte[] embeddedJpeg(byte[] jpeg) {
    return bmp(new Info(96, 64, 0, BI_JPEG, jpeg.length, 0), new byte[0], jpeg);
  }

  /** A 96 x 64 BMP v5 whose embedded colour profile declares {@code declaredBytes}. */
  public static byte[] declaringProfile(long declaredBytes) {
    int w = 96;
    int h = 64;
    int pixels = w * h * 3;
    ByteBuffer bmp = Binary.littleEndian(FILE_HEADER + 124 + pixels);
    bmp.put((byte) 'B').put((byte) 'M').putInt(bmp.capacity()).putInt(0).putInt(FILE_HEADER + 124);
    bmp.putInt(124).putInt(w).putInt(h).putShort((short) 1).putShort((short) 24);
    bmp.putInt(0).putInt(pixels).putInt(2835).putInt(2835).putInt(0).putInt(0);
    bmp.put(new byte[16]); // masks
    bmp.putInt(0x4D424544); // 'MBED': an embedded profile
    bmp.put(new byte[36 + 12]); // endpoints, gamma
    bmp.putInt(4); // intent
    bmp.putInt(124).putInt((int) declaredBytes).putInt(0); // profile offset, size; reserved
    return bmp.array();
  }

  private static byte[] bmp(Info info, byte[] afterHeader, byte[] data) {
    int offset = FILE_HEADER + INFO_HEADER + afterHeader.length;
    ByteBuffer bmp = Binary.littleEndian(offset + data.length);
    bmp.put((byte) 'B').put((byte) 'M').putInt(bmp.capacity()).putInt(0).putInt(offset);
    bmp.putInt(INFO_HEADER).putInt(info.width()).putInt(info.height()).putShort((short) 1);
    bmp.putShort((short) info.bitsPerPixel()).putInt(info.compression());
    bmp.putInt((int) info.imageSize()).putInt(2835).putInt(2835);
    bmp.putInt(info.coloursUsed()).putInt(0);
    bmp.put(afterHeader).put(data);
    return bmp.array();
  }

  /** Rows of 3 bytes a pixel, each padded to 4 bytes. */
  private static byte[] pixels24(int w, int h) {
    int stride = (w * 3 + 3) & ~3;
    byte[] pixels = new byte[stride * h];
    Arrays.fill(pixels, (byte) 0x60);
    return pixels;
  }

  private static byte[] palette(int colours) {
    byte[] palette = new byte[colours * 4];
    for (int i = 0; i < colours; i++) {
      palette[4 * i] = (byte) (i * 100);
      palette[4 * i + 1] = (byte) 0x80;
      palette[4 * i + 2] = (byte) (255 - i * 100);
    }
    return palette;
  }
}
