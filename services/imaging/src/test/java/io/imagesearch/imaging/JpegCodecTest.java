package io.imagesearch.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.imaging.ImageRejectedException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** libjpeg-turbo and ImageIO must give the same pixels, so either can feed the embedder. */
class JpegCodecTest {

  private static final Path FIXTURES = Path.of("../../models/tiny-clip/fixtures");

  private final ImageDecoder imageIo = new ImageDecoder(DecoderLimits.DEFAULT, JpegCodec.IMAGEIO);
  private static ImageDecoder turbo;

  @BeforeAll
  static void requireLibjpegTurbo() {
    // Fails with the install hint when the library is missing: the fast path must be tested.
    turbo = new ImageDecoder(DecoderLimits.DEFAULT, JpegCodec.LIBJPEG_TURBO);
  }

  static Stream<Arguments> jpegs() throws IOException {
    return Stream.of(
        Arguments.of(
            "noise 4:2:0, odd size",
            encodeJpeg(noise(333, 177, BufferedImage.TYPE_INT_RGB), false)),
        Arguments.of(
            "noise, progressive", encodeJpeg(noise(256, 200, BufferedImage.TYPE_INT_RGB), true)),
        Arguments.of("greyscale", encodeJpeg(noise(97, 131, BufferedImage.TYPE_BYTE_GRAY), false)),
        Arguments.of("scene", TestImages.encode(TestImages.scene(640, 480), "jpg")),
        Arguments.of("photo.jpg", Files.readAllBytes(FIXTURES.resolve("photo.jpg"))),
        Arguments.of("large_photo.jpg", Files.readAllBytes(FIXTURES.resolve("large_photo.jpg"))),
        Arguments.of("exif_rotated.jpg", Files.readAllBytes(FIXTURES.resolve("exif_rotated.jpg"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jpegs")
  void libjpegTurboGivesImageIosPixels(String name, byte[] jpeg) {
    DecodedImage fast = turbo.decode(jpeg);
    DecodedImage reference = imageIo.decode(jpeg);

    assertThat(fast.width()).isEqualTo(reference.width());
    assertThat(fast.height()).isEqualTo(reference.height());
    assertThat(fast.rgb().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    assertThat(fast.takenAt()).isEqualTo(reference.takenAt());
    int[] a = rgbOnly(IntRgbImages.pixels(fast.rgb()));
    int[] b = rgbOnly(IntRgbImages.pixels(reference.rgb()));
    assertThat(Arrays.mismatch(a, b)).as("first differing pixel").isEqualTo(-1);
  }

  @Test
  void probeReadsTheJpegHeader() throws IOException {
    byte[] jpeg = encodeJpeg(noise(120, 80, BufferedImage.TYPE_INT_RGB), false);

    assertThat(turbo.probe(jpeg)).isEqualTo(new ImageDecoder.Probe(ImageFormat.JPEG, 120, 80));
  }

  @Test
  void truncatedJpegIsCorruptNotGreyFilled() throws IOException {
    byte[] jpeg = encodeJpeg(noise(200, 200, BufferedImage.TYPE_INT_RGB), false);

    assertThatThrownBy(() -> turbo.decode(Arrays.copyOf(jpeg, jpeg.length * 2 / 3)))
        .isInstanceOf(ImageRejectedException.class)
        .hasMessageContaining("cannot be decoded")
        .extracting(e -> ((ImageRejectedException) e).reason())
        .isEqualTo(Reason.CORRUPT);
  }

  @Test
  void headerOnlyJpegIsCorrupt() throws IOException {
    byte[] jpeg = encodeJpeg(noise(64, 64, BufferedImage.TYPE_INT_RGB), false);

    assertThatThrownBy(() -> turbo.decode(Arrays.copyOf(jpeg, 40)))
        .isInstanceOf(ImageRejectedException.class)
        .extracting(e -> ((ImageRejectedException) e).reason())
        .isEqualTo(Reason.CORRUPT);
  }

  @Test
  void pixelLimitIsCheckedOnTheHeaderBeforeDecoding() throws IOException {
    ImageDecoder strict =
        new ImageDecoder(new DecoderLimits(1 << 20, 10_000, 2), JpegCodec.LIBJPEG_TURBO);
    byte[] jpeg = encodeJpeg(noise(200, 100, BufferedImage.TYPE_INT_RGB), false);

    assertThatThrownBy(() -> strict.decode(jpeg))
        .isInstanceOf(ImageRejectedException.class)
        .hasMessageContaining("200x100 = 20000 pixels");
  }

  @Test
  void describesWhichLibraryIsUsed() {
    assertThat(JpegCodec.AUTO.describe()).startsWith("libjpeg-turbo");
    assertThat(JpegCodec.LIBJPEG_TURBO.describe()).startsWith("libjpeg-turbo");
    assertThat(JpegCodec.IMAGEIO.describe()).startsWith("ImageIO");
  }

  @Test
  void libjpegTurboThumbnailsMatchImageIosWithinJpegError() throws IOException {
    BufferedImage photo =
        ImageIO.read(
            new java.io.ByteArrayInputStream(
                Files.readAllBytes(FIXTURES.resolve("large_photo.jpg"))));
    Thumbnailer.Thumbnail fast = Thumbnailer.defaults(JpegCodec.LIBJPEG_TURBO).make(photo);
    Thumbnailer.Thumbnail reference = Thumbnailer.defaults(JpegCodec.IMAGEIO).make(photo);

    BufferedImage a = imageIo.decode(fast.jpeg()).rgb();
    BufferedImage b = imageIo.decode(reference.jpeg()).rgb();
    assertThat(a.getWidth()).isEqualTo(b.getWidth()).isEqualTo(fast.image().getWidth());
    assertThat(a.getHeight()).isEqualTo(b.getHeight()).isEqualTo(fast.image().getHeight());
    // Both encode the same pixels at the same quality; only rounding inside the codecs differs.
    assertThat(meanAbsoluteDifference(a, fast.image())).isLessThan(3.0);
    assertThat(meanAbsoluteDifference(a, b)).isLessThan(1.5);
  }

  private static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
    long sum = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
        }
      }
    }
    return sum / (3.0 * a.getWidth() * a.getHeight());
  }

  private static int[] rgbOnly(int[] pixels) {
    int[] out = new int[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      out[i] = pixels[i] & 0xFFFFFF;
    }
    return out;
  }

  private static BufferedImage noise(int w, int h, int type) {
    BufferedImage image = new BufferedImage(w, h, type);
    Random random = new Random(w * 31L + h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        // Smooth gradients plus noise, so both flat and busy blocks are exercised.
        int r = (x * 255 / w + random.nextInt(40)) & 0xFF;
        int g = (y * 255 / h + random.nextInt(40)) & 0xFF;
        int b = ((x + y) * 2 + random.nextInt(40)) & 0xFF;
        image.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return image;
  }

  private static byte[] encodeJpeg(BufferedImage image, boolean progressive) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.9f);
      if (progressive) {
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
