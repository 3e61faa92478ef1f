package io.imagesearch.imaging;

import io.imagesearch.imaging.ImageRejectedException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns untrusted bytes into an upright RGB image, or refuses them with an {@link
 * ImageRejectedException} that says why. Limits are checked on the header before any pixel is
 * decoded. Thread-safe: each call uses its own reader.
 */
public final class ImageDecoder {

  private final DecoderLimits limits;
  private final TurboJpeg turbo;

  /** Decodes JPEG with libjpeg-turbo when the system has it ({@link JpegCodec#AUTO}). */
  public ImageDecoder(DecoderLimits limits) {
    this(limits, JpegCodec.AUTO);
  }

  /**
   * @throws IllegalStateException when {@code jpeg} requires libjpeg-turbo and it is missing
   */
  public ImageDecoder(DecoderLimits limits, JpegCodec jpeg) {
    this.limits = limits;
    this.turbo = jpeg.turbo();
  }

  /** What the header says, checked against the limits, without decoding pixels. */
  public record Probe(ImageFormat format, int width, int height) {

    /**
     * Heap bytes decoding may hold at once, from the widest layout a reader decodes into (16-bit
     * RGBA, 8 bytes a pixel) plus the packed RGB copy and a rotated one (4 each).
     */
    public long decodingBytes() {
      return 16L * width * height;
    }
  }

  /**
   * Sniffs the type and reads the declared dimensions; refuses what decoding would refuse early.
   */
  public Probe probe(byte[] bytes) {
    ImageFormat format = checkedFile(bytes);
    if (format == ImageFormat.JPEG && turbo != null) {
      TurboJpeg.Header header = turbo.header(bytes);
      return checkedSize(format, header.width(), header.height());
    }
    ImageReader reader = openReader(bytes, format);
    try {
      return checkedHeader(reader, format);
    } finally {
      reader.dispose();
    }
  }

  /**
   * What a new upload must pass: the {@link #probe}, and no more data after the end of the image
   * than the image itself ({@link TrailingData}). Stored originals are only probed, so a file
   * accepted before this check existed still decodes.
   */
  public Probe probeUpload(byte[] bytes) {
    Probe probe = probe(bytes);
    TrailingData.check(bytes, probe.format());
    return probe;
  }

  public DecodedImage decode(byte[] bytes) {
    return decodeChecked(bytes, checkedFile(bytes));
  }

  /**
   * Decodes within {@code memory}: the header says how much decoding takes, and the image waits for
   * that share rather than all images claiming it at once; {@code use} runs while the decoded
   * pixels hold their share. The file's checks run once, before the wait.
   */
  public <T> T decodeWithin(
      DecodingMemory memory, byte[] bytes, java.util.function.Function<DecodedImage, T> use) {
    Probe probe = probe(bytes);
    return memory.within(
        probe.decodingBytes(), () -> use.apply(decodeChecked(bytes, probe.format())));
  }

  private DecodedImage decodeChecked(byte[] bytes, ImageFormat format) {
    BufferedImage rgb =
        format == ImageFormat.JPEG && turbo != null
            ? turbo.decode(bytes, (width, height) -> checkedSize(format, width, height))
            : null;
    if (rgb == null) {
      // Not a JPEG, no libjpeg-turbo, or a CMYK JPEG that only ImageIO converts.
      rgb = imageIoPixels(bytes, format);
    }
    ExifInfo exif = ExifInfo.read(bytes, format);
    return new DecodedImage(
        Orientation.apply(rgb, exif.orientation()), format, exif.takenAt(), exif.camera());
  }

  private BufferedImage imageIoPixels(byte[] bytes, ImageFormat format) {
    ImageReader reader = openReader(bytes, format);
    try {
      checkedHeader(reader, format);
      return RgbConverter.flattenToRgb(readPixels(reader, format));
    } finally {
      reader.dispose();
    }
  }

  /** The format, once the byte and metadata limits are met. */
  private ImageFormat checkedFile(byte[] bytes) {
    ImageFormat format = sniff(bytes);
    if (format == ImageFormat.BMP) {
      BmpCompression.refuseEmbeddedImages(bytes);
    }
    MetadataBudget.check(bytes, format, limits.maxMetadataBytes());
    return format;
  }

  private ImageFormat sniff(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new ImageRejectedException(Reason.EMPTY, "The file is empty: upload an image file.");
    }
    if (bytes.length > limits.maxBytes()) {
      throw new ImageRejectedException(
          Reason.TOO_LARGE,
          "The file is " + bytes.length + " bytes; the limit is " + limits.maxBytes() + " bytes.");
    }
    return ImageFormat.sniff(bytes)
        .orElseThrow(
            () ->
                new ImageRejectedException(
                    Reason.UNSUPPORTED_FORMAT,
                    "The file is not a JPEG, PNG, GIF, WebP or BMP image (its content was checked,"
                        + " not its name or declared type)."));
  }

  private static ImageReader openReader(byte[] bytes, ImageFormat format) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.extension());
    if (!readers.hasNext()) {
      throw new IllegalStateException("no ImageIO reader for " + format + " on the class path");
    }
    ImageReader reader = readers.next();
    ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
    // Metadata is left unread: EXIF comes from ExifInfo, and the readers' metadata costs out of
    // all proportion (ImageIO's GIF reader joins a comment's 255-byte blocks by copying all it
    // holds for each one, so 4 MiB of comment took 18 s and gigabytes of garbage to probe).
    // The pixels do not depend on it: the PNG reader still reads the palette and transparency.
    reader.setInput(input, false, true);
    return reader;
  }

  private Probe checkedHeader(ImageReader reader, ImageFormat format) {
    int width;
    int height;
    try {
      width = reader.getWidth(0);
      height = reader.getHeight(0);
    } catch (IOException | RuntimeException e) {
      throw corrupt(format, e);
    }
    Probe probe = checkedSize(format, width, height);
    if (format == ImageFormat.GIF && frameCount(reader, format) > 1) {
      throw new ImageRejectedException(
          Reason.ANIMATED, "Animated GIFs are not supported: upload a still image.");
    }
    return probe;
  }

  private Probe checkedSize(ImageFormat format, int width, int height) {
    long pixels = (long) width * height;
    if (pixels > limits.maxPixels()) {
      throw new ImageRejectedException(
          Reason.TOO_LARGE,
          "The image declares "
              + width
              + "x"
              + height
              + " = "
              + pixels
              + " pixels; the limit is "
              + limits.maxPixels()
              + " pixels. Downscale it before uploading.");
    }
    if (width < limits.minSide() || height < limits.minSide()) {
      throw new ImageRejectedException(
          Reason.TOO_SMALL,
          "The image is "
              + width
              + "x"
              + height
              + "; each side must be at least "
              + limits.minSide()
              + " pixels.");
    }
    long longSide = Math.max(width, height);
    int shortSide = Math.min(width, height);
    if (longSide > (long) shortSide * limits.maxAspectRatio()) {
      throw new ImageRejectedException(
          Reason.EXTREME_ASPECT_RATIO,
          String.format(
              Locale.ROOT,
              "The image is %dx%d: its aspect ratio 1:%,d exceeds 1:%,d. Crop it before"
                  + " uploading.",
              width,
              height,
              Math.round((double) longSide / shortSide),
              limits.maxAspectRatio()));
    }
    return new Probe(format, width, height);
  }

  private static int frameCount(ImageReader reader, ImageFormat format) {
    try {
      return reader.getNumImages(true);
    } catch (IOException | RuntimeException e) {
      throw corrupt(format, e);
    }
  }

  private static BufferedImage readPixels(ImageReader reader, ImageFormat format) {
    List<String> warnings = new ArrayList<>();
    IIOReadWarningListener listener = (source, warning) -> warnings.add(warning);
    reader.addIIOReadWarningListener(listener);
    BufferedImage image;
    try {
      image = reader.read(0);
    } catch (IOException | RuntimeException e) {
      throw corrupt(format, e);
    }
    // ImageIO fills a truncated JPEG with grey and only warns; such an image is damaged.
    if (!warnings.isEmpty()) {
      throw new ImageRejectedException(
          Reason.CORRUPT,
          "The "
              + format
              + " data is incomplete or damaged ("
              + warnings.getFirst()
              + "): upload the complete file.");
    }
    return image;
  }

  private static ImageRejectedException corrupt(ImageFormat format, Exception cause) {
    String detail =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new ImageRejectedException(
        Reason.CORRUPT,
        "The file starts like a "
            + format
            + " image but cannot be decoded ("
            + detail
            + "): upload the complete, undamaged file.",
        cause);
  }
}
