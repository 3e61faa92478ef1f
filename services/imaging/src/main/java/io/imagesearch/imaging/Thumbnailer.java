package io.imagesearch.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Thumbnails whose longest side is at most {@code maxSide}, never upscaled. A photo gets a JPEG; a
 * lossless source (PNG, GIF, BMP: drawings, screenshots, flat colours) gets a PNG, which keeps its
 * edges clean where JPEG rings around them. WebP would be smaller still, but writing it needs
 * libwebp through native code, which this decoder of untrusted images does without; ImageIO writes
 * PNG itself. A thumbnail is never larger than its original: when the encoding would be, an
 * original that already fits is served as it is.
 */
public final class Thumbnailer {

  public static final String CONTENT_TYPE = "image/jpeg";

  /** Longest side of the default thumbnail; the high-density one has twice this. */
  public static final int DEFAULT_SIDE = 320;

  public static final String PNG_CONTENT_TYPE = "image/png";

  private final int maxSide;
  private final float quality;
  private final TurboJpeg turbo;

  /**
   * @param quality JPEG quality in (0, 1], as ImageIO takes it (libjpeg's 1 to 100 scale / 100)
   * @throws IllegalStateException when {@code codec} requires libjpeg-turbo and it is missing
   */
  public Thumbnailer(int maxSide, float quality, JpegCodec codec) {
    if (maxSide < 16 || quality <= 0 || quality > 1) {
      throw new IllegalArgumentException("thumbnail side must be >= 16 and quality in (0, 1]");
    }
    this.maxSide = maxSide;
    this.quality = quality;
    this.turbo = codec.turbo();
  }

  /** 320 pixels, quality 0.85, with the given codec. */
  public static Thumbnailer defaults(JpegCodec codec) {
    return new Thumbnailer(DEFAULT_SIDE, 0.85f, codec);
  }

  public static Thumbnailer defaults() {
    return defaults(JpegCodec.AUTO);
  }

  /** The scaled image, for further analysis, and its JPEG encoding. */
  public record Thumbnail(BufferedImage image, byte[] jpeg) {}

  public Thumbnail make(BufferedImage rgb) {
    BufferedImage small = scaleDown(rgb);
    return new Thumbnail(small, encodeJpeg(small));
  }

  /** The scaled image, for further analysis, and the bytes to store with their content type. */
  public record Stored(BufferedImage image, byte[] bytes, String contentType) {}

  /** The thumbnail of {@code image}, decoded from {@code original}, in the form it suits best. */
  public Stored make(DecodedImage image, byte[] original) {
    return encode(scaleDown(image.rgb(), maxSide), image, original);
  }

  /**
   * The thumbnail and, for an image larger than it, one of twice its side for screens of two or
   * more device pixels per CSS pixel. The thumbnail is shrunk from the larger one: one pass over
   * the full image instead of two, at the price of pixels that differ from a direct shrink by
   * rounding only.
   */
  public record Sizes(Stored standard, java.util.Optional<Stored> doubled) {}

  public Sizes makeSizes(DecodedImage image, byte[] original) {
    if (Math.max(image.width(), image.height()) <= maxSide) {
      return new Sizes(make(image, original), java.util.Optional.empty());
    }
    BufferedImage large = scaleDown(image.rgb(), 2 * maxSide);
    return new Sizes(
        encode(scaleDown(large, maxSide), image, original),
        java.util.Optional.of(encode(large, image, original)));
  }

  private Stored encode(BufferedImage small, DecodedImage image, byte[] original) {
    boolean lossless = image.format() != ImageFormat.JPEG && image.format() != ImageFormat.WEBP;
    Stored encoded =
        lossless
            ? new Stored(small, encodePng(small), PNG_CONTENT_TYPE)
            : new Stored(small, encodeJpeg(small), CONTENT_TYPE);
    if (encoded.bytes().length <= original.length) {
      return encoded;
    }
    if (small == image.rgb()) {
      // It fits already and its own file is smaller: every format accepted is one browsers show.
      return new Stored(small, original, image.format().mimeType());
    }
    if (lossless) {
      // Shrinking made a PNG larger than a very compressible original: the smaller encoding wins.
      byte[] jpeg = encodeJpeg(small);
      if (jpeg.length < encoded.bytes().length) {
        return new Stored(small, jpeg, CONTENT_TYPE);
      }
    }
    return encoded;
  }

  /** The image shrunk to fit the bound, or the image itself when it already fits. */
  BufferedImage scaleDown(BufferedImage image) {
    return scaleDown(image, maxSide);
  }

  /** Width and height of an image of {@code w} x {@code h} shrunk to fit {@code maxSide}. */
  public static int[] fit(int w, int h, int maxSide) {
    double scale = Math.min(1.0, (double) maxSide / Math.max(w, h));
    return new int[] {
      Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale))
    };
  }

  private static BufferedImage scaleDown(BufferedImage image, int maxSide) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] target = fit(w, h, maxSide);
    int targetW = target[0];
    int targetH = target[1];
    if (targetW == w && targetH == h) {
      return image;
    }
    return AreaAverageScaler.shrink(image, targetW, targetH);
  }

  private static byte[] encodePng(BufferedImage image) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer for an image of type " + image.getType());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed", e);
    }
  }

  private byte[] encodeJpeg(BufferedImage image) {
    if (turbo != null && image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      return turbo.encodeBgr(
          bgr, image.getWidth(), image.getHeight(), Math.max(1, Math.round(quality * 100)));
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // In memory: ImageIO's own factory may cache to a temporary file.
        ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("JPEG encoding failed", e);
    } finally {
      writer.dispose();
    }
  }
}
