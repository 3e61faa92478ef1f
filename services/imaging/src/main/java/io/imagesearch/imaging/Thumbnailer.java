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

/** JPEG thumbnails whose longest side is at most {@code maxSide}, never upscaled. */
public final class Thumbnailer {

  public static final String CONTENT_TYPE = "image/jpeg";

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
    return new Thumbnailer(320, 0.85f, codec);
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

  /** The image shrunk to fit the bound, or the image itself when it already fits. */
  BufferedImage scaleDown(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    double scale = Math.min(1.0, (double) maxSide / Math.max(w, h));
    int targetW = Math.max(1, (int) Math.round(w * scale));
    int targetH = Math.max(1, (int) Math.round(h * scale));
    if (targetW == w && targetH == h) {
      return image;
    }
    return AreaAverageScaler.shrink(image, targetW, targetH);
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
