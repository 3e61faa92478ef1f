package io.imagesearch.imaging;

/**
 * The fields of a BMP file's headers that the checks before decoding read, at their offsets: the
 * file header (14 bytes), then the info header whose own first field is its size (12 for OS/2's
 * core header, 40 and up for BITMAPINFOHEADER and its successors, 124 for V5).
 */
final class BmpHeader {
  private BmpHeader() {}

  /** Where the info header starts, after the file header. */
  static final int INFO = 14;

  static final int CORE_SIZE = 12;
  static final int INFO_SIZE = 40;
  static final int V5_SIZE = 124;

  static final int RGB = 0;
  static final int BITFIELDS = 3;
  static final int JPEG = 4;
  static final int PNG = 5;
  static final int ALPHA_BITFIELDS = 6;

  private static final int PROFILE_EMBEDDED = 0x4D424544; // 'MBED'
  private static final int PROFILE_LINKED = 0x4C494E4B; // 'LINK'

  /** The info header's size field, or -1 when the file is too short to hold it. */
  static int infoSize(byte[] bmp) {
    return bmp.length < INFO + 4 ? -1 : FileBytes.intLittleEndian(bmp, INFO);
  }

  /** The compression field of a header of {@link #INFO_SIZE} or more, else -1. */
  static int compression(byte[] bmp) {
    return infoSize(bmp) >= INFO_SIZE && bmp.length >= INFO + INFO_SIZE
        ? FileBytes.intLittleEndian(bmp, INFO + 16)
        : -1;
  }

  /** A V5 header that declares a colour profile, embedded or linked by file name. */
  static boolean declaresProfile(byte[] bmp) {
    int colourSpace = v5ColourSpace(bmp);
    return colourSpace == PROFILE_EMBEDDED || colourSpace == PROFILE_LINKED;
  }

  /** A V5 header whose colour profile is inside the file. */
  static boolean embedsProfile(byte[] bmp) {
    return v5ColourSpace(bmp) == PROFILE_EMBEDDED;
  }

  /** bV5ProfileData: where the profile starts, counted from the info header. */
  static long profileOffset(byte[] bmp) {
    return FileBytes.intLittleEndian(bmp, INFO + 112) & 0xFFFFFFFFL;
  }

  /** bV5ProfileSize: the profile's declared length. */
  static long profileSize(byte[] bmp) {
    return FileBytes.intLittleEndian(bmp, INFO + 116) & 0xFFFFFFFFL;
  }

  private static int v5ColourSpace(byte[] bmp) {
    return infoSize(bmp) == V5_SIZE && bmp.length >= INFO + V5_SIZE
        ? FileBytes.intLittleEndian(bmp, INFO + 56)
        : 0;
  }
}
