package io.imagesearch.imaging;

/** Integers as image file headers store them, read from a byte array. */
final class FileBytes {
  private FileBytes() {}

  static int intBigEndian(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24)
        | ((b[at + 1] & 0xFF) << 16)
        | ((b[at + 2] & 0xFF) << 8)
        | (b[at + 3] & 0xFF);
  }

  static int intLittleEndian(byte[] b, int at) {
    return (b[at] & 0xFF)
        | ((b[at + 1] & 0xFF) << 8)
        | ((b[at + 2] & 0xFF) << 16)
        | ((b[at + 3] & 0xFF) << 24);
  }

  static int shortBigEndian(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  static int shortLittleEndian(byte[] b, int at) {
    return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8);
  }
}
