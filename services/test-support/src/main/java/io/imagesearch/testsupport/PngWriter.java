package io.imagesearch.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/** Writes PNG files chunk by chunk, including ones no encoder would write. */
final class PngWriter {
  private PngWriter() {}

  static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  static final int GREY = 0;
  static final int RGB = 2;
  static final int PALETTE = 3;
  static final int GREY_ALPHA = 4;
  static final int RGBA = 6;

  /** A chunk: its four-letter type and its data. */
  record Chunk(String type, byte[] data) {}

  /** What IHDR declares. */
  record Header(int width, int height, int bitDepth, int colourType, boolean interlaced) {
    static Header of(int width, int height, int bitDepth, int colourType) {
      return new Header(width, height, bitDepth, colourType, false);
    }

    Chunk chunk() {
      ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
      ihdr.put((byte) bitDepth).put((byte) colourType).put(new byte[2]);
      ihdr.put((byte) (interlaced ? 1 : 0));
      return new Chunk("IHDR", ihdr.array());
    }

    int bitsPerPixel() {
      int channels =
          switch (colourType) {
            case RGB -> 3;
            case GREY_ALPHA -> 2;
            case RGBA -> 4;
            default -> 1;
          };
      return channels * bitDepth;
    }
  }

  /** Signature, IHDR, then the chunks as given, then IEND. */
  static byte[] png(Header header, List<Chunk> chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(SIGNATURE);
    out.writeBytes(bytes(header.chunk()));
    chunks.forEach(chunk -> out.writeBytes(bytes(chunk)));
    out.writeBytes(bytes(new Chunk("IEND", new byte[0])));
    return out.toByteArray();
  }

  /** Signature, IHDR, the extra chunks, one IDAT with {@code idat} (none when null), IEND. */
  static byte[] png(Header header, List<Chunk> extra, byte[] idat) {
    List<Chunk> chunks = new ArrayList<>(extra);
    if (header.colourType() == PALETTE) {
      chunks.addFirst(new Chunk("PLTE", palette(Math.min(256, 1 << header.bitDepth()))));
    }
    if (idat != null) {
      chunks.add(new Chunk("IDAT", idat));
    }
    return png(header, chunks);
  }

  /** A chunk as it sits in the file: length, type, data, CRC of type and data. */
  static byte[] bytes(Chunk chunk) {
    byte[] type = Binary.ascii(chunk.type());
    CRC32 crc = new CRC32();
    crc.update(type);
    crc.update(chunk.data());
    return ByteBuffer.allocate(12 + chunk.data().length)
        .putInt(chunk.data().length)
        .put(type)
        .put(chunk.data())
        .putInt((int) crc.getValue())
        .array();
  }

  /**
   * The deflated rows of an image whose every sample byte is {@code fill}, interlaced (Adam7) when
   * the header says so.
   */
  static byte[] uniformIdat(Header header, byte fill) {
    if (!header.interlaced()) {
      return Binary.deflateRows(
          new Binary.Rows(row(header, header.width(), fill), header.height()));
    }
    int[] x0 = {0, 4, 0, 2, 0, 1, 0};
    int[] dx = {8, 8, 4, 4, 2, 2, 1};
    int[] y0 = {0, 0, 4, 0, 2, 0, 1};
    int[] dy = {8, 8, 8, 4, 4, 2, 2};
    List<Binary.Rows> passes = new ArrayList<>();
    for (int pass = 0; pass < 7; pass++) {
      int w = (header.width() - x0[pass] + dx[pass] - 1) / dx[pass];
      int h = (header.height() - y0[pass] + dy[pass] - 1) / dy[pass];
      if (w > 0 && h > 0) {
        passes.add(new Binary.Rows(row(header, w, fill), h));
      }
    }
    return Binary.deflateRows(passes.toArray(Binary.Rows[]::new));
  }

  /** One row of {@code width} pixels: filter type 0 (none), then the samples. */
  private static byte[] row(Header header, int width, byte fill) {
    byte[] row = new byte[1 + (int) (((long) width * header.bitsPerPixel() + 7) / 8)];
    Arrays.fill(row, 1, row.length, fill);
    return row;
  }

  /** As many entries as the bit depth can index, so any index a fill byte makes is valid. */
  private static byte[] palette(int entries) {
    byte[] palette = new byte[entries * 3];
    for (int i = 0; i < entries; i++) {
      palette[3 * i] = (byte) i;
      palette[3 * i + 1] = (byte) (255 - i);
      palette[3 * i + 2] = (byte) (i / 2);
    }
    return palette;
  }
}
