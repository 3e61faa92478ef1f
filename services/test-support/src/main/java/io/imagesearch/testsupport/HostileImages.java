package io.imagesearch.testsupport;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/**
 * Files an attacker would upload, built in memory: small files that declare or inflate to huge
 * sizes, extreme shapes, truncated data. Each is a well-formed file of its format unless its name
 * says otherwise, so it passes the cheap checks a real attack passes.
 */
public final class HostileImages {
  private HostileImages() {}

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  private static final int GREY = 0;
  private static final int RGB = 2;
  private static final int RGBA = 6;

  /** Deflated zeros by inflated size: making a gigabyte of them takes a second, so once. */
  private static final Map<Long, byte[]> DEFLATED_ZEROS = new ConcurrentHashMap<>();

  /**
   * An 8-bit grey PNG of {@code w x h} mid-grey pixels. A 2 x 25,000,000 one is 75 MB of rows that
   * deflate to about 70 KiB.
   */
  public static byte[] greyPng(int w, int h) {
    byte[] row = new byte[1 + w];
    Arrays.fill(row, 1, row.length, (byte) 0x80);
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    byte[] chunk = new byte[1 << 16];
    // Rows are fed in groups so that a 2-pixel-wide image is not 25 million calls.
    int rowsPerFeed = Math.max(1, (1 << 20) / row.length);
    byte[] feed = new byte[rowsPerFeed * row.length];
    for (int i = 0; i < rowsPerFeed; i++) {
      System.arraycopy(row, 0, feed, i * row.length, row.length);
    }
    for (int y = 0; y < h; y += rowsPerFeed) {
      int rows = Math.min(rowsPerFeed, h - y);
      deflater.setInput(feed, 0, rows * row.length);
      drain(deflater, idat, chunk);
    }
    finish(deflater, idat, chunk);
    return png(w, h, 8, GREY, null, idat.toByteArray());
  }

  /**
   * A PNG that declares {@code w x h} 16-bit RGBA pixels (8 bytes each) and holds one row of them:
   * within the pixel limit, it passes every header check, and a reader allocates the whole raster
   * before it finds the data missing.
   */
  public static byte[] pngDeclaringDeepPixels(int w, int h) {
    byte[] firstRow = new byte[1 + w * 8];
    return png(w, h, 16, RGBA, null, deflate(firstRow));
  }

  /** A valid PNG header that declares {@code w x h} RGB pixels, followed by no pixel data. */
  public static byte[] pngHeaderDeclaring(int w, int h) {
    return png(w, h, 8, RGB, null, null);
  }

  /** A 96 x 64 PNG with a zTXt chunk that inflates to {@code inflatedBytes} bytes. */
  public static byte[] zTxtBomb(long inflatedBytes) {
    return smallPngWith("zTXt", concat(ascii("Comment\0"), new byte[] {0}, zeros(inflatedBytes)));
  }

  /** A 96 x 64 PNG with a compressed iTXt chunk (XMP's usual home) of {@code inflatedBytes}. */
  public static byte[] iTxtBomb(long inflatedBytes) {
    return smallPngWith(
        "iTXt",
        concat(
            ascii("XML:com.adobe.xmp\0"), new byte[] {1, 0}, ascii("\0\0"), zeros(inflatedBytes)));
  }

  /** A 96 x 64 PNG with an iCCP colour profile that inflates to {@code inflatedBytes}. */
  public static byte[] iccpBomb(long inflatedBytes) {
    return smallPngWith("iCCP", concat(ascii("icc\0"), new byte[] {0}, zeros(inflatedBytes)));
  }

  /** A WebP whose ICCP chunk declares {@code declaredBytes} and holds a few. */
  public static byte[] webpDeclaringProfile(long declaredBytes) {
    ByteBuffer vp8x = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
    vp8x.put(ascii("VP8X")).putInt(10).put((byte) 0x20).put(new byte[3]);
    vp8x.put(new byte[] {95, 0, 0, 63, 0, 0}); // canvas 96 x 64, stored minus one
    ByteBuffer iccp = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    iccp.put(ascii("ICCP")).putInt((int) declaredBytes).put(new byte[8]);
    byte[] body = concat(ascii("WEBP"), vp8x.array(), iccp.array());
    ByteBuffer riff = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    riff.put(ascii("RIFF")).putInt(body.length);
    return concat(riff.array(), body);
  }

  /** A 96 x 64 BMP v5 whose embedded colour profile declares {@code declaredBytes}. */
  public static byte[] bmpDeclaringProfile(long declaredBytes) {
    int w = 96;
    int h = 64;
    int pixels = w * h * 3;
    ByteBuffer bmp = ByteBuffer.allocate(14 + 124 + pixels).order(ByteOrder.LITTLE_ENDIAN);
    bmp.put(ascii("BM")).putInt(bmp.capacity()).putInt(0).putInt(14 + 124);
    bmp.putInt(124).putInt(w).putInt(h).putShort((short) 1).putShort((short) 24);
    bmp.putInt(0).putInt(pixels).putInt(2835).putInt(2835).putInt(0).putInt(0);
    bmp.put(new byte[16]); // masks
    bmp.putInt(0x4D424544); // 'MBED': an embedded profile
    bmp.put(new byte[36 + 12]); // endpoints, gamma
    bmp.putInt(4); // intent
    bmp.putInt(124).putInt((int) declaredBytes).putInt(0); // profile offset, size; reserved
    return bmp.array();
  }

  /** {@code bytes} cut to {@code fraction} of their length. */
  public static byte[] truncated(byte[] bytes, double fraction) {
    return Arrays.copyOf(bytes, Math.max(1, (int) (bytes.length * fraction)));
  }

  /** A small, ordinary image encoded by ImageIO ("png", "jpg", "gif", "bmp"). */
  public static byte[] ordinary(String format) {
    BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 96; x++) {
        image.setRGB(x, y, (x * 2) << 16 | (y * 3) << 8 | 0x40);
      }
    }
    return encode(image, format);
  }

  /** {@code image} encoded by ImageIO in {@code format} ("png", "jpg", "gif", "bmp"). */
  public static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalArgumentException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] smallPngWith(String type, byte[] chunkData) {
    int w = 96;
    int h = 64;
    byte[] raw = new byte[h * (1 + w * 3)];
    return png(w, h, 8, RGB, new Chunk(type, chunkData), deflate(raw));
  }

  private record Chunk(String type, byte[] data) {}

  private static byte[] png(int w, int h, int bitDepth, int colourType, Chunk extra, byte[] idat) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(PNG_SIGNATURE);
      ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h);
      ihdr.put((byte) bitDepth).put((byte) colourType).put(new byte[3]);
      chunk(out, "IHDR", ihdr.array());
      if (extra != null) {
        chunk(out, extra.type(), extra.data());
      }
      if (idat != null) {
        chunk(out, "IDAT", idat);
      }
      chunk(out, "IEND", new byte[0]);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
    byte[] typeBytes = ascii(type);
    out.writeInt(data.length);
    out.write(typeBytes);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeInt((int) crc.getValue());
  }

  private static byte[] zeros(long inflatedBytes) {
    return DEFLATED_ZEROS.computeIfAbsent(
        inflatedBytes,
        size -> {
          Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          byte[] block = new byte[1 << 20];
          byte[] chunk = new byte[1 << 16];
          for (long fed = 0; fed < size; fed += block.length) {
            deflater.setInput(block, 0, (int) Math.min(block.length, size - fed));
            drain(deflater, out, chunk);
          }
          finish(deflater, out, chunk);
          return out.toByteArray();
        });
  }

  private static byte[] deflate(byte[] raw) {
    Deflater deflater = new Deflater();
    deflater.setInput(raw);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    finish(deflater, out, new byte[1 << 16]);
    return out.toByteArray();
  }

  /** Compresses the input set on the deflater. */
  private static void drain(Deflater deflater, ByteArrayOutputStream out, byte[] chunk) {
    while (!deflater.needsInput()) {
      out.write(chunk, 0, deflater.deflate(chunk));
    }
  }

  /** Ends the stream and takes the rest of the output. */
  private static void finish(Deflater deflater, ByteArrayOutputStream out, byte[] chunk) {
    deflater.finish();
    while (!deflater.finished()) {
      out.write(chunk, 0, deflater.deflate(chunk));
    }
    deflater.end();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
