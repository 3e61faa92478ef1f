package io.imagesearch.testsupport;

import java.nio.ByteBuffer;

/**
 * Little-endian TIFF structures, as EXIF blocks (JPEG APP1, PNG eXIf, WebP EXIF) and TIFF files
 * carry them, including ones whose offsets loop or point past the end.
 */
public final class Tiffs {
  private Tiffs() {}

  private static final short SHORT = 3;
  private static final short LONG = 4;
  private static final int ORIENTATION = 0x0112;
  private static final int EXIF_IFD_POINTER = 0x8769;

  /** One IFD entry: tag, type, count and value (or offset of the value). */
  private record Entry(int tag, short type, int count, int value) {}

  /** An EXIF block whose only entry is the orientation, as cameras write it (1 to 8). */
  public static byte[] orientation(int value) {
    return tiff(0, new Entry(ORIENTATION, SHORT, 1, value));
  }

  /** An IFD whose next-IFD offset points at itself: a reader that follows it never ends. */
  public static byte[] selfLinkedIfd() {
    return tiff(8, new Entry(ORIENTATION, SHORT, 1, 1));
  }

  /** An IFD whose EXIF sub-IFD pointer points back at the IFD itself. */
  public static byte[] exifPointerToItself() {
    return tiff(0, new Entry(EXIF_IFD_POINTER, LONG, 1, 8));
  }

  /** An entry of {@code count} LONG values at an offset past the end of the block. */
  public static byte[] entryDeclaring(int count) {
    return tiff(0, new Entry(0x010E, LONG, count, 0x7FFF_0000));
  }

  /** {@code ifds} IFDs, each linking to the next. */
  public static byte[] chainOfIfds(int ifds) {
    int ifdBytes = 2 + 12 + 4;
    ByteBuffer tiff = header(8 + ifds * ifdBytes);
    for (int i = 0; i < ifds; i++) {
      int next = i + 1 < ifds ? 8 + (i + 1) * ifdBytes : 0;
      putIfd(tiff, next, new Entry(ORIENTATION, SHORT, 1, 1));
    }
    return tiff.array();
  }

  /** A TIFF file header and an IFD declaring a {@code w x h} 8-bit grey image with no strips. */
  public static byte[] tiffFile(int w, int h) {
    return tiff(0, new Entry(0x0100, LONG, 1, w), new Entry(0x0101, LONG, 1, h));
  }

  private static byte[] tiff(int nextIfd, Entry... entries) {
    ByteBuffer tiff = header(8 + 2 + 12 * entries.length + 4);
    putIfd(tiff, nextIfd, entries);
    return tiff.array();
  }

  private static ByteBuffer header(int size) {
    ByteBuffer tiff = Binary.littleEndian(size);
    tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    return tiff;
  }

  private static void putIfd(ByteBuffer tiff, int nextIfd, Entry... entries) {
    tiff.putShort((short) entries.length);
    for (Entry entry : entries) {
      tiff.putShort((short) entry.tag()).putShort(entry.type()).putInt(entry.count());
      if (entry.type() == SHORT && entry.count() == 1) {
        tiff.putShort((short) entry.value()).putShort((short) 0);
      } else {
        tiff.putInt(entry.value());
      }
    }
    tiff.putInt(nextIfd);
  }
}
