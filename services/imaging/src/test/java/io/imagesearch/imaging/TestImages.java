package io.imagesearch.imaging;

import io.imagesearch.testsupport.HostileImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Encoded images built in memory, so tests need no binary fixtures. */
final class TestImages {
  private TestImages() {}

  static BufferedImage scene(int w, int h) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.RED);
    g.fillOval(w / 4, h / 4, w / 2, h / 2);
    g.dispose();
    return image;
  }

  /** Flat colours and sharp edges, as in a drawing or the demo set's shapes: a scene and a box. */
  static BufferedImage drawing(int w, int h) {
    BufferedImage image = scene(w, h);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(20, 40, 200));
    g.fillRect(w / 2, h / 2, w / 3, h / 4);
    g.dispose();
    return image;
  }

  static byte[] encode(BufferedImage image, String format) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A valid PNG header that declares {@code w x h} followed by no pixel data. */
  static byte[] pngHeaderDeclaring(int w, int h) {
    return HostileImages.pngHeaderDeclaring(w, h);
  }

  static byte[] animatedGif() {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      writer.writeToSequence(new IIOImage(scene(16, 16), null, null), null);
      writer.writeToSequence(new IIOImage(scene(16, 16), null, null), null);
      writer.endWriteSequence();
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
  }
}
