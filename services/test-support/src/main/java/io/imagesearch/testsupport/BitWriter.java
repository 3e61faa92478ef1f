package io.imagesearch.testsupport;

import java.io.ByteArrayOutputStream;

/** Bits packed least significant first, as GIF's LZW codes and WebP's lossless stream are. */
final class BitWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private long buffer;
  private int used;

  /** Appends the {@code bits} low bits of {@code value}. */
  BitWriter write(long value, int bits) {
    buffer |= (value & ((1L << bits) - 1)) << used;
    used += bits;
    while (used >= 8) {
      out.write((int) (buffer & 0xFF));
      buffer >>>= 8;
      used -= 8;
    }
    return this;
  }

  /** The bits so far, the last byte padded with zeros. */
  byte[] bytes() {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    copy.writeBytes(out.toByteArray());
    if (used > 0) {
      copy.write((int) (buffer & 0xFF));
    }
    return copy.toByteArray();
  }
}
