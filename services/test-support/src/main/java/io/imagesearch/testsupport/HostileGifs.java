package io.imagesearch.testsupport;

import static io.imagesearch.testsupport.Binary.ascii;

import java.io.ByteArrayOutputStream;

/**
 * Hostile GIF files, written block by block: thousands of frames, frames that declare a canvas the
 * data does not fill, comments by the megabyte. Every frame's pixels are colour 0, coded as LZW
 * literals with a clear code every two pixels so the code size never grows.
 */
public final class HostileGifs {
  private HostileGifs() {}

  private static final int MIN_CODE_SIZE = 2;
  private static final int CLEAR = 1 << MIN_CODE_SIZE;
  private static final int END = CLEAR + 1;
  private static final int CODE_BITS = MIN_CODE_SIZE + 1;

  /** A still 96 x 64 GIF. */
  public static byte[] still() {
    return gif(96, 64, true, frame(96, 64, false, true));
  }

  /** A GIF of {@code frames} frames: a 96 x 64 one, then 2 x 2 ones with a delay each. */
  public static byte[] animated(int frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(frame(96, 64, false, true));
    byte[] next = Binary.concat(graphicControl(), frame(2, 2, false, true));
    for (int i = 1; i < frames; i++) {
      out.writeBytes(next);
    }
    return gif(96, 64, true, out.toByteArray());
  }

  /** A GIF whose one frame declares {@code w x h} and holds the data of four pixels. */
  public static byte[] frameDeclaring(int w, int h) {
    return gif(96, 64, true, frameHeader(w, h, false, false, pixels(4)));
  }

  /** A 96 x 64 frame on a logical screen that declares {@code w x h}. */
  public static byte[] screenDeclaring(int w, int h) {
    return gif(w, h, true, frame(96, 64, false, true));
  }

  /** A still 96 x 64 GIF whose rows are stored interlaced. */
  public static byte[] interlaced() {
    return gif(96, 64, true, frame(96, 64, true, true));
  }

  /** A still 96 x 64 GIF with a local colour table and no global one. */
  public static byte[] localColourTableOnly() {
    return gif(96, 64, false, frame(96, 64, false, false));
  }

  /** A still 96 x 64 GIF preceded by a comment of {@code bytes} bytes. */
  public static byte[] withComment(int bytes) {
    ByteArrayOutputStream comment = new ByteArrayOutputStream();
    comment.write(0x21);
    comment.write(0xFE);
    comment.writeBytes(subBlocks(new byte[bytes]));
    return gif(96, 64, true, Binary.concat(comment.toByteArray(), frame(96, 64, false, true)));
  }

  /** A 96 x 64 frame whose LZW data holds codes the table does not have yet. */
  public static byte[] undefinedCodes() {
    BitWriter codes = new BitWriter();
    codes.write(CLEAR, CODE_BITS);
    for (int i = 0; i < 200; i++) {
      codes.write(7, CODE_BITS);
    }
    codes.write(END, CODE_BITS);
    return gif(96, 64, true, frameHeader(96, 64, false, false, codes.bytes()));
  }

  private static byte[] gif(int w, int h, boolean globalTable, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii("GIF89a"));
    writeShort(out, w);
    writeShort(out, h);
    // Global table of 4 colours (size field 1), 8 bits per primary.
    out.write(globalTable ? 0xF1 : 0x70);
    out.write(0);
    out.write(0);
    if (globalTable) {
      out.writeBytes(palette());
    }
    out.writeBytes(body);
    out.write(0x3B);
    return out.toByteArray();
  }

  /** A {@code w x h} frame of colour 0. */
  private static byte[] frame(int w, int h, boolean interlaced, boolean usesGlobalTable) {
    return frameHeader(w, h, interlaced, !usesGlobalTable, pixels((long) w * h));
  }

  /** Image descriptor, optional local colour table, then {@code lzw} as sub-blocks. */
  private static byte[] frameHeader(
      int w, int h, boolean interlaced, boolean localTable, byte[] lzw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x2C);
    writeShort(out, 0);
    writeShort(out, 0);
    writeShort(out, w);
    writeShort(out, h);
    out.write((localTable ? 0x81 : 0) | (interlaced ? 0x40 : 0));
    if (localTable) {
      out.writeBytes(palette());
    }
    out.write(MIN_CODE_SIZE);
    out.writeBytes(subBlocks(lzw));
    return out.toByteArray();
  }

  private static byte[] graphicControl() {
    return new byte[] {0x21, (byte) 0xF9, 4, 0, 2, 0, 0, 0};
  }

  /** LZW codes for {@code count} pixels of colour 0. */
  private static byte[] pixels(long count) {
    BitWriter codes = new BitWriter();
    for (long i = 0; i < count; i += 2) {
      codes.write(CLEAR, CODE_BITS);
      codes.write(0, CODE_BITS);
      if (i + 1 < count) {
        codes.write(0, CODE_BITS);
      }
    }
    codes.write(END, CODE_BITS);
    return codes.bytes();
  }

  private static byte[] subBlocks(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int at = 0; at < data.length; at += 255) {
      int n = Math.min(255, data.length - at);
      out.write(n);
      out.write(data, at, n);
    }
    out.write(0);
    return out.toByteArray();
  }

  private static byte[] palette() {
    return new byte[] {0x20, 0x40, 0x60, (byte) 0xFF, 0, 0, 0, (byte) 0xFF, 0, 0, 0, (byte) 0xFF};
  }

  private static void writeShort(ByteArrayOutputStream out, int value) {
    out.write(value & 0xFF);
    out.write((value >> 8) & 0xFF);
  }
}
