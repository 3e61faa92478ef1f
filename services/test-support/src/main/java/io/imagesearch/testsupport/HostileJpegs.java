package io.imagesearch.testsupport;

import static io.imagesearch.testsupport.Binary.ascii;
import static io.imagesearch.testsupport.Binary.concat;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Hostile JPEG files, built from an ordinary one by editing its markers: headers that declare what
 * the data does not hold, metadata segments by the hundred, scans repeated past any reason.
 */
public final class HostileJpegs {
  private HostileJpegs() {}

  private static final int SOF0 = 0xC0;
  private static final int SOS = 0xDA;
  private static final int APP1 = 0xE1;
  private static final int APP2 = 0xE2;
  private static final int COM = 0xFE;

  /** A 96 x 64 baseline JPEG as ImageIO writes it. */
  public static byte[] ordinary() {
    return HostileImages.ordinary("jpg");
  }

  /** A {@code w x h} baseline JPEG as ImageIO writes it. */
  public static byte[] sized(int w, int h) {
    return HostileImages.encode(HostileImages.ordinaryImage(w, h), "jpg");
  }

  /** A 96 x 64 greyscale JPEG (one component). */
  public static byte[] grey() {
    BufferedImage grey = new BufferedImage(96, 64, BufferedImage.TYPE_BYTE_GRAY);
    grey.getGraphics().drawImage(HostileImages.ordinaryImage(96, 64), 0, 0, null);
    return HostileImages.encode(grey, "jpg");
  }

  /** A 96 x 64 four-component (CMYK) JPEG, which libjpeg-turbo leaves to ImageIO. */
  public static byte[] cmyk() {
    WritableRaster raster = Raster.createInterleavedRaster(0, 96, 64, 4, null);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 96; x++) {
        raster.setPixel(x, y, new int[] {x * 2, y * 3, 0x40, 0x10});
      }
    }
    return write(new IIOImage(raster, null, null), false);
  }

  /** A 96 x 64 progressive JPEG: several scans, each refining the last. */
  public static byte[] progressive() {
    return write(new IIOImage(HostileImages.ordinaryImage(96, 64), null, null), true);
  }

  /** {@code jpeg} with its last scan repeated {@code times} more: a scan-count bomb. */
  public static byte[] withLastScanRepeated(byte[] jpeg, int times) {
    int lastScan = lastMarker(jpeg, SOS);
    int end = jpeg.length - 2; // the EOI marker
    byte[] scan = Arrays.copyOfRange(jpeg, lastScan, end);
    return concat(
        Arrays.copyOf(jpeg, end),
        Binary.repeat(scan, times),
        Arrays.copyOfRange(jpeg, end, jpeg.length));
  }

  /** {@code jpeg} whose frame header (SOF0) declares {@code w x h}; the data stays 96 x 64. */
  public static byte[] declaring(byte[] jpeg, int w, int h) {
    byte[] edited = jpeg.clone();
    int sof = firstMarker(edited, SOF0);
    ByteBuffer.wrap(edited).putShort(sof + 5, (short) h).putShort(sof + 7, (short) w);
    return edited;
  }

  /** {@code jpeg} whose frame header declares {@code bits} per sample instead of 8. */
  public static byte[] withPrecision(byte[] jpeg, int bits) {
    byte[] edited = jpeg.clone();
    edited[firstMarker(edited, SOF0) + 4] = (byte) bits;
    return edited;
  }

  /**
   * {@code jpeg} whose baseline frame marker says {@code sofMarker} (0xC9: arithmetic coding, 0xC3:
   * lossless) over Huffman-coded data.
   */
  public static byte[] withFrameMarker(byte[] jpeg, int sofMarker) {
    byte[] edited = jpeg.clone();
    edited[firstMarker(edited, SOF0) + 1] = (byte) sofMarker;
    return edited;
  }

  /** {@code jpeg} with {@code segments} inserted right after its first (JFIF) segment. */
  public static byte[] withSegments(byte[] jpeg, List<byte[]> segments) {
    int afterApp0 = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, afterApp0);
    segments.forEach(out::writeBytes);
    out.write(jpeg, afterApp0, jpeg.length - afterApp0);
    return out.toByteArray();
  }

  /** {@code count} comment segments of {@code bytes} bytes each (at most 65533). */
  public static List<byte[]> comments(int count, int bytes) {
    byte[] comment = segment(COM, new byte[bytes]);
    List<byte[]> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      all.add(comment);
    }
    return all;
  }

  /** A comment segment holding {@code text}, e.g. a script that must stay inert. */
  public static byte[] comment(String text) {
    return segment(COM, text.getBytes(StandardCharsets.UTF_8));
  }

  /** An APP1 segment carrying {@code tiff} as EXIF. */
  public static byte[] exif(byte[] tiff) {
    return segment(APP1, concat(ascii("Exif\0\0"), tiff));
  }

  /**
   * An ICC profile split over {@code chunks} APP2 segments of {@code bytesEach} bytes: readers join
   * them into one profile before parsing it.
   */
  public static List<byte[]> iccProfile(int chunks, int bytesEach) {
    List<byte[]> segments = new ArrayList<>(chunks);
    for (int i = 1; i <= chunks; i++) {
      segments.add(
          segment(
              APP2,
              concat(
                  ascii("ICC_PROFILE\0"),
                  new byte[] {(byte) i, (byte) chunks},
                  new byte[bytesEach])));
    }
    return segments;
  }

  /** Start-of-image and nothing else. */
  public static byte[] startOfImageOnly() {
    return new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  }

  /** A marker segment: 0xFF, the marker, a length that counts itself, the data. */
  static byte[] segment(int marker, byte[] data) {
    if (data.length > 65533) {
      throw new IllegalArgumentException("a JPEG segment holds at most 65533 bytes");
    }
    return ByteBuffer.allocate(4 + data.length)
        .put((byte) 0xFF)
        .put((byte) marker)
        .putShort((short) (data.length + 2))
        .put(data)
        .array();
  }

  private static byte[] write(IIOImage image, boolean progressive) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (progressive) {
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
      writer.write(null, image, param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** Where the first {@code 0xFF marker} of the header segments is. */
  private static int firstMarker(byte[] jpeg, int marker) {
    for (int at = 2; at + 4 <= jpeg.length; ) {
      if ((jpeg[at + 1] & 0xFF) == marker) {
        return at;
      }
      at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
    }
    throw new IllegalArgumentException("no marker 0x" + Integer.toHexString(marker));
  }

  /** Where the last {@code 0xFF marker} of the file is, entropy-coded data included. */
  private static int lastMarker(byte[] jpeg, int marker) {
    for (int at = jpeg.length - 2; at >= 0; at--) {
      if ((jpeg[at] & 0xFF) == 0xFF && (jpeg[at + 1] & 0xFF) == marker) {
        return at;
      }
    }
    throw new IllegalArgumentException("no marker 0x" + Integer.toHexString(marker));
  }
}
