package io.imagesearch.testsupport;

import static io.imagesearch.testsupport.Binary.ascii;
import static io.imagesearch.testsupport.Binary.concat;

import io.imagesearch.testsupport.PngWriter.Chunk;
import io.imagesearch.testsupport.PngWriter.Header;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

/**
 * Files an attacker would upload, built in memory: small files that declare or inflate to huge
 * sizes, extreme shapes, truncated data; PNG here, the other formats in {@link HostileJpegs},
 * {@link HostileGifs}, {@link HostileWebps}, {@link HostileBmps} and {@link NotImages}. Each is a
 * well-formed file of its format unless its name says otherwise, so it passes the cheap checks a
 * real attack passes.
 */
public final class HostileImages {
  private HostileImages() {}

  /** Deflated zeros by inflated size: making a gigabyte of them takes a second, so once. */
  private static final Map<Long, byte[]> DEFLATED_ZEROS = new ConcurrentHashMap<>();

  /**
   * An 8-bit grey PNG of {@code w x h} mid-grey pixels. A 2 x 25,000,000 one is 75 MB of rows that
   * deflate to about 70 KiB.
   */
  public static byte[] greyPng(int w, int h) {
    return uniformPng(Header.of(w, h, 8, PngWriter.GREY));
  }

  /**
   * A PNG of {@code w x h} pixels of {@code bitDepth} bits per sample and PNG colour type {@code
   * colourType} (0 grey, 2 RGB, 3 palette, 4 grey and alpha, 6 RGBA), every sample byte 0x80,
   * interlaced (Adam7) when asked. A palette image carries as many colours as its bit depth
   * indexes.
   */
  public static byte[] uniformPng(int w, int h, int bitDepth, int colourType, boolean interlaced) {
    return uniformPng(new Header(w, h, bitDepth, colourType, interlaced));
  }

  private static byte[] uniformPng(Header header) {
    return PngWriter.png(header, List.of(), PngWriter.uniformIdat(header, (byte) 0x80));
  }

  /**
   * A PNG that declares {@code w x h} 16-bit RGBA pixels (8 bytes each) and holds one row of them:
   * within the pixel limit, it passes every header check, and a reader allocates the whole raster
   * before it finds the data missing.
   */
  public static byte[] pngDeclaringDeepPixels(int w, int h) {
    byte[] firstRow = new byte[1 + w * 8];
    return PngWriter.png(Header.of(w, h, 16, PngWriter.RGBA), List.of(), Binary.deflate(firstRow));
  }

  /** A valid PNG header that declares {@code w x h} RGB pixels, followed by no pixel data. */
  public static byte[] pngHeaderDeclaring(int w, int h) {
    return PngWriter.png(Header.of(w, h, 8, PngWriter.RGB), List.of(), null);
  }

  /** A 96 x 64 PNG with a zTXt chunk that inflates to {@code inflatedBytes} bytes. */
  public static byte[] zTxtBomb(long inflatedBytes) {
    return smallPngWith(zTxt(inflatedBytes));
  }

  /** A 96 x 64 PNG with {@code chunks} zTXt chunks, each inflating to {@code inflatedBytes}. */
  public static byte[] zTxtChunks(int chunks, long inflatedBytes) {
    return smallPngWith(Collections.nCopies(chunks, zTxt(inflatedBytes)));
  }

  private static Chunk zTxt(long inflatedBytes) {
    return new Chunk("zTXt", concat(ascii("Comment\0"), new byte[] {0}, zeros(inflatedBytes)));
  }

  /** A 96 x 64 PNG with a compressed iTXt chunk (XMP's usual home) of {@code inflatedBytes}. */
  public static byte[] iTxtBomb(long inflatedBytes) {
    return smallPngWith(
        new Chunk(
            "iTXt",
            concat(
                ascii("XML:com.adobe.xmp\0"),
                new byte[] {1, 0},
                ascii("\0\0"),
                zeros(inflatedBytes))));
  }

  /** A 96 x 64 PNG with an iCCP colour profile that inflates to {@code inflatedBytes}. */
  public static byte[] iccpBomb(long inflatedBytes) {
    return smallPngWith(
        new Chunk("iCCP", concat(ascii("icc\0"), new byte[] {0}, zeros(inflatedBytes))));
  }

  /** A WebP whose ICCP chunk declares {@code declaredBytes} and holds a few. */
  public static byte[] webpDeclaringProfile(long declaredBytes) {
    return HostileWebps.metadataDeclaring("ICCP", declaredBytes);
  }

  /** A 96 x 64 BMP v5 whose embedded colour profile declares {@code declaredBytes}. */
  public static byte[] bmpDeclaringProfile(long declaredBytes) {
    return HostileBmps.declaringProfile(declaredBytes);
  }

  /** A 96 x 64 PNG with {@code count} small uncompressed tEXt chunks before its pixels. */
  public static byte[] manyTextChunks(int count) {
    List<Chunk> chunks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      chunks.add(new Chunk("tEXt", ascii("k" + i + "\0v")));
    }
    return smallPngWith(chunks);
  }

  /** A 96 x 64 PNG with an eXIf chunk of {@code exif} (a TIFF structure, as in a JPEG's APP1). */
  public static byte[] pngWithExif(byte[] exif) {
    return smallPngWith(new Chunk("eXIf", exif));
  }

  /** A 96 x 64 PNG whose IDAT declares {@code declaredLength} bytes and holds the real few. */
  public static byte[] pngWithIdatDeclaring(long declaredLength) {
    byte[] png = ordinary("png");
    int idat = indexOf(png, ascii("IDAT")) - 4;
    ByteBuffer.wrap(png).putInt(idat, (int) declaredLength);
    return png;
  }

  /** An ordinary PNG whose every chunk CRC is wrong. */
  public static byte[] pngWithBadCrcs() {
    byte[] png = ordinary("png");
    ByteBuffer buffer = ByteBuffer.wrap(png);
    for (int at = PngWriter.SIGNATURE.length; at + 12 <= png.length; ) {
      int length = buffer.getInt(at);
      int crc = at + 8 + length;
      buffer.putInt(crc, ~buffer.getInt(crc));
      at = crc + 4;
    }
    return png;
  }

  /** A 96 x 64 PNG whose IDAT is followed by a second IHDR declaring 60000 x 60000. */
  public static byte[] pngWithSecondHeader() {
    Header small = Header.of(96, 64, 8, PngWriter.RGB);
    return PngWriter.png(
        small,
        List.of(
            new Chunk("IDAT", PngWriter.uniformIdat(small, (byte) 0x40)),
            Header.of(60_000, 60_000, 8, PngWriter.RGB).chunk()));
  }

  /** {@code bytes} cut to {@code fraction} of their length. */
  public static byte[] truncated(byte[] bytes, double fraction) {
    return Arrays.copyOf(bytes, Math.max(1, (int) (bytes.length * fraction)));
  }

  /** {@code bytes} followed by {@code garbage}, as a polyglot or an appended archive is. */
  public static byte[] withTrailing(byte[] bytes, byte[] garbage) {
    return concat(bytes, garbage);
  }

  /** A small, ordinary image encoded by ImageIO ("png", "jpg", "gif", "bmp"). */
  public static byte[] ordinary(String format) {
    return encode(ordinaryImage(96, 64), format);
  }

  /** A {@code w x h} gradient, distinct enough for an image model to embed. */
  static BufferedImage ordinaryImage(int w, int h) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, (x * 2 & 0xFF) << 16 | (y * 3 & 0xFF) << 8 | 0x40);
      }
    }
    return image;
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

  private static byte[] smallPngWith(Chunk chunk) {
    return smallPngWith(List.of(chunk));
  }

  private static byte[] smallPngWith(List<Chunk> chunks) {
    Header header = Header.of(96, 64, 8, PngWriter.RGB);
    return PngWriter.png(header, chunks, PngWriter.uniformIdat(header, (byte) 0));
  }

  private static byte[] zeros(long inflatedBytes) {
    return DEFLATED_ZEROS.computeIfAbsent(
        inflatedBytes,
        size -> {
          int block = 1 << 20;
          List<Binary.Rows> runs = new ArrayList<>();
          runs.add(new Binary.Rows(new byte[block], size / block));
          if (size % block > 0) {
            runs.add(new Binary.Rows(new byte[(int) (size % block)], 1));
          }
          return Binary.deflateRows(runs.toArray(Binary.Rows[]::new));
        });
  }

  static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("pattern not found");
  }
}
