package io.imagesearch.clustere2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Distinct PNGs for scenarios that count images rather than search them: a run-unique salt keeps
 * their content hashes (image ids) apart from every earlier upload.
 */
final class SyntheticImages {
  private static final long SALT = System.nanoTime();

  private SyntheticImages() {}

  static List<ImageFile> batch(String label, int count) {
    List<ImageFile> images = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      images.add(new ImageFile(label + "-" + i + ".png", png(label.hashCode() * 1_000_003L + i)));
    }
    return images;
  }

  static byte[] png(long seed) {
    Random random = new Random(seed ^ SALT);
    BufferedImage image = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 96; y++) {
      for (int x = 0; x < 96; x++) {
        image.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
