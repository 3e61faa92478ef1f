package io.imagesearch.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.Adler32;
import java.util.zip.Deflater;

/** Byte plumbing shared by the builders of hostile files. */
final class Binary {
  private Binary() {}

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code count} copies of {@code part}, one after the other. */
  static byte[] repeat(byte[] part, int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(part.length * count);
    for (int i = 0; i < count; i++) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static ByteBuffer littleEndian(int capacity) {
    return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
  }

  static byte[] deflate(byte[] raw) {
    Deflater deflater = new Deflater();
    deflater.setInput(raw);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    finish(deflater, out, new byte[1 << 16]);
    return out.toByteArray();
  }

  /** Ends the stream and takes the rest of the output. */
  static void finish(Deflater deflater, ByteArrayOutputStream out, byte[] chunk) {
    deflater.finish();
    while (!deflater.finished()) {
      out.write(chunk, 0, deflater.deflate(chunk));
    }
    deflater.end();
  }

  /** {@code count} copies of {@code row}: a run of identical rows of a uniform image. */
  record Rows(byte[] row, long count) {}

  /**
   * The runs of rows one after the other as a zlib stream (as PNG's IDAT and compressed text hold
   * them), made in milliseconds whatever the size: the rows of a run are compressed once, a group
   * at a time ended by a full flush so that no group refers back to another, and the group's
   * compressed bytes repeated.
   */
  static byte[] deflateRows(Rows... runs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x78); // deflate, 32 KiB window
    out.write(0xDA); // best compression; the two bytes are a multiple of 31, as zlib requires
    Adler32 checksum = new Adler32();
    for (Rows run : runs) {
      int rowsPerGroup = (int) Math.max(1, Math.min(run.count(), (1 << 20) / run.row().length));
      byte[] group = repeat(run.row(), rowsPerGroup);
      byte[] compressed = flushed(group, group.length);
      for (long i = 0; i < run.count() / rowsPerGroup; i++) {
        out.writeBytes(compressed);
        checksum.update(group);
      }
      int rest = (int) (run.count() % rowsPerGroup) * run.row().length;
      if (rest > 0) {
        out.writeBytes(flushed(group, rest));
        checksum.update(group, 0, rest);
      }
    }
    Deflater last = new Deflater(Deflater.BEST_COMPRESSION, true);
    finish(last, out, new byte[64]); // an empty final block
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) checksum.getValue()).array());
    return out.toByteArray();
  }

  /** The first {@code length} bytes of {@code data} as raw deflate blocks ended by a full flush. */
  private static byte[] flushed(byte[] data, int length) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(data, 0, length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[1 << 16];
    int n;
    do {
      n = deflater.deflate(chunk, 0, chunk.length, Deflater.FULL_FLUSH);
      out.write(chunk, 0, n);
    } while (n == chunk.length);
    deflater.end();
    return out.toByteArray();
  }
}
