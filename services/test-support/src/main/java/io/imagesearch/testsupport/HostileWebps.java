package io.imagesearch.testsupport;

import static io.imagesearch.testsupport.Binary.ascii;
import static io.imagesearch.testsupport.Binary.concat;

import java.nio.ByteBuffer;

/**
 * Hostile WebP files, written chunk by chunk. A lossless (VP8L) image of one colour codes every
 * pixel in zero bits, so a few dozen bytes declare and decode to any size up to 16384 x 16384.
 */
public final class HostileWebps {
  private HostileWebps() {}

  /** A lossless {@code w x h} WebP of one colour: about 30 bytes, whatever the size. */
  public static byte[] lossless(int w, int h) {
    return riff(chunk("VP8L", vp8l(w, h)));
  }

  /** A lossy (VP8) frame header declaring {@code w x h} with no partition data behind it. */
  public static byte[] lossyHeaderDeclaring(int w, int h) {
    ByteBuffer vp8 = Binary.littleEndian(10);
    int keyFrameShownFirstPartition10 = (1 << 4) | (10 << 5);
    vp8.put((byte) keyFrameShownFirstPartition10)
        .put((byte) (keyFrameShownFirstPartition10 >> 8))
        .put((byte) 0);
    vp8.put((byte) 0x9D).put((byte) 0x01).put((byte) 0x2A);
    vp8.putShort((short) w).putShort((short) h);
    return riff(chunk("VP8 ", vp8.array()));
  }

  /** An extended-format header declaring a {@code w x h} canvas and no image at all. */
  public static byte[] canvasOnly(int w, int h) {
    return riff(vp8x(w, h, 0));
  }

  /**
   * A lossless 96 x 64 image whose extended header announces a {@code fourCc} metadata chunk
   * ("ICCP", "EXIF", "XMP ") that declares {@code declaredBytes} and holds eight.
   */
  public static byte[] metadataDeclaring(String fourCc, long declaredBytes) {
    ByteBuffer metadata = Binary.littleEndian(16);
    metadata.put(ascii(fourCc)).putInt((int) declaredBytes).put(new byte[8]);
    int flags =
        switch (fourCc) {
          case "ICCP" -> 0x20;
          case "EXIF" -> 0x08;
          default -> 0x04;
        };
    return riff(concat(vp8x(96, 64, flags), metadata.array(), chunk("VP8L", vp8l(96, 64))));
  }

  /** A lossless 96 x 64 image with an EXIF chunk holding {@code tiff}. */
  public static byte[] withExif(byte[] tiff) {
    return riff(concat(vp8x(96, 64, 0x08), chunk("EXIF", tiff), chunk("VP8L", vp8l(96, 64))));
  }

  /** "RIFF", a size, "WEBP" and nothing else. */
  public static byte[] emptyContainer() {
    return riff(new byte[0]);
  }

  /** A lossless 96 x 64 image whose RIFF header declares {@code declaredBytes}. */
  public static byte[] riffDeclaring(long declaredBytes) {
    byte[] webp = lossless(96, 64);
    ByteBuffer.wrap(webp).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(4, (int) declaredBytes);
    return webp;
  }

  /**
   * An animation of {@code frames} lossless 96 x 64 frames (ANIM and ANMF chunks), each a few dozen
   * bytes.
   */
  public static byte[] animated(int frames) {
    ByteBuffer anim = Binary.littleEndian(6).putInt(0).putShort((short) 0);
    byte[] frame = chunk("ANMF", concat(anmfHeader(96, 64), chunk("VP8L", vp8l(96, 64))));
    return riff(
        concat(vp8x(96, 64, 0x02), chunk("ANIM", anim.array()), Binary.repeat(frame, frames)));
  }

  private static byte[] anmfHeader(int w, int h) {
    ByteBuffer header = Binary.littleEndian(16);
    header.put(new byte[6]); // x, y offsets
    putInt24(header, w - 1);
    putInt24(header, h - 1);
    putInt24(header, 100); // duration in ms
    header.put((byte) 0);
    return header.array();
  }

  /** The VP8L bitstream of a {@code w x h} image of one colour. */
  private static byte[] vp8l(int w, int h) {
    BitWriter bits = new BitWriter();
    bits.write(0x2F, 8); // signature
    bits.write(w - 1, 14).write(h - 1, 14).write(0, 1).write(0, 3); // size, no alpha, version 0
    bits.write(0, 1); // no transform
    bits.write(0, 1); // no colour cache
    bits.write(0, 1); // no meta prefix codes
    // Five simple prefix codes of one symbol each: green, red, blue, alpha, distance. A code of one
    // symbol takes zero bits per use.
    for (int symbol : new int[] {0x80, 0x60, 0x40, 0xFF}) {
      bits.write(1, 1).write(0, 1).write(1, 1).write(symbol, 8);
    }
    bits.write(1, 1).write(0, 1).write(0, 1).write(0, 1);
    // Eight bytes of padding: TwelveMonkeys' reader fetches the stream eight bytes at a time.
    return Binary.concat(bits.bytes(), new byte[8]);
  }

  private static byte[] vp8x(int w, int h, int flags) {
    ByteBuffer vp8x = Binary.littleEndian(10);
    vp8x.put((byte) flags).put(new byte[3]);
    putInt24(vp8x, w - 1);
    putInt24(vp8x, h - 1);
    return chunk("VP8X", vp8x.array());
  }

  private static byte[] chunk(String fourCc, byte[] data) {
    ByteBuffer chunk = Binary.littleEndian(8 + data.length + (data.length & 1));
    chunk.put(ascii(fourCc)).putInt(data.length).put(data);
    return chunk.array();
  }

  private static byte[] riff(byte[] chunks) {
    ByteBuffer riff = Binary.littleEndian(12 + chunks.length);
    riff.put(ascii("RIFF")).putInt(4 + chunks.length).put(ascii("WEBP")).put(chunks);
    return riff.array();
  }

  private static void putInt24(ByteBuffer buffer, int value) {
    buffer.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
  }
}
