package io.imagesearch.imaging;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** JPEG thumbnails whose longest side is at most {@code maxSide}, never upscaled. */
public final class Thumbnailer {

  public static final String CONTENT_TYPE = "image/jpeg";

  private final int maxSide;
  private final float quality;

  public Thumbnailer(int maxSide, float quality) {
    if (maxSide < 16 || quality <= 0 || quality > 1) {
      throw new IllegalArgumentException("thumbnail side must be >= 16 and quality in (0, 1]");
    }
    this.maxSide = maxSide;
    this.quality = quality;
  }

  public static Thumbnailer defaults() {
    return new Thumbnailer(320, 0.85f);
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
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
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
