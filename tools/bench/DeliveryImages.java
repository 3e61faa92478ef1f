import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes the delivery benchmark's JPEGs (tools/bench/delivery.sh): COUNT files whose sizes fall in
 * [MIN, MAX] bytes, each named by the SHA-256 of its bytes, so the same files are served by every
 * server. Usage: java DeliveryImages.java OUT_DIR COUNT MIN MAX SEED
 */
public class DeliveryImages {

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    int min = Integer.parseInt(args[2]);
    int max = Integer.parseInt(args[3]);
    Random random = new Random(Long.parseLong(args[4]));
    Files.createDirectories(out);
    // Smooth gradients with some noise compress like photographs: bytes grow with the pixel count.
    double bytesPerPixel = 0.7;
    for (int written = 0; written < count; ) {
      int target = min + random.nextInt(max - min + 1);
      int width = Math.max(16, (int) Math.sqrt(target / bytesPerPixel * 4 / 3));
      int height = width * 3 / 4;
      byte[] jpeg = render(random, width, height);
      // Learn the bytes per pixel, so the next side lands nearer its target size.
      bytesPerPixel = (bytesPerPixel + (double) jpeg.length / (width * height)) / 2;
      if (jpeg.length < min || jpeg.length > max) {
        continue;
      }
      String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg));
      Files.write(out.resolve(hex), jpeg);
      written++;
    }
  }

  private static byte[] render(Random random, int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int r0 = random.nextInt(256), g0 = random.nextInt(256), b0 = random.nextInt(256);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int noise = random.nextInt(24);
        int r = (r0 + x * 255 / width + noise) & 0xff;
        int g = (g0 + y * 255 / height + noise) & 0xff;
        int b = (b0 + (x + y) * 127 / (width + height) + noise) & 0xff;
        image.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", bytes);
    return bytes.toByteArray();
  }
}
