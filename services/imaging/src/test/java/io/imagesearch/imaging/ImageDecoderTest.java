package io.imagesearch.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.imaging.ImageRejectedException.Reason;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {

  private final ImageDecoder decoder = new ImageDecoder(DecoderLimits.DEFAULT);

  @ParameterizedTest
  @ValueSource(strings = {"png", "jpg", "gif", "bmp"})
  void decodesEachFormatToUprightRgbWithItsSniffedType(String format) {
    byte[] bytes = TestImages.encode(TestImages.scene(40, 30), format);

    DecodedImage image = decoder.decode(bytes);

    assertThat(image.width()).isEqualTo(40);
    assertThat(image.height()).isEqualTo(30);
    assertThat(image.rgb().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    assertThat(image.format().extension()).isEqualTo(format);
  }

  @Test
  void emptyInputIsRefusedAsEmpty() {
    assertRejected(new byte[0], Reason.EMPTY, "empty");
  }

  @Test
  void textIsNotAnImage() {
    assertRejected(
        "<html><body>hello</body></html>".getBytes(StandardCharsets.UTF_8),
        Reason.UNSUPPORTED_FORMAT,
        "not a JPEG, PNG, GIF, WebP or BMP");
  }

  @Test
  void svgIsNotAcceptedEvenThoughItIsAnImageFormat() {
    byte[] svg = "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8);
    assertRejected(svg, Reason.UNSUPPORTED_FORMAT, "not a JPEG");
  }

  @Test
  void truncatedJpegIsCorrupt() {
    byte[] jpeg = TestImages.encode(TestImages.scene(64, 64), "jpg");

    assertRejected(Arrays.copyOf(jpeg, jpeg.length / 2), Reason.CORRUPT, "JPEG");
  }

  @Test
  void headerDeclaringAHugeCanvasIsRefusedBeforeDecoding() {
    byte[] bomb = TestImages.pngHeaderDeclaring(30_000, 30_000);

    assertRejected(bomb, Reason.TOO_LARGE, "30000x30000 = 900000000 pixels");
  }

  @Test
  void probeReadsTheHeaderOnly() {
    ImageDecoder.Probe probe = decoder.probe(TestImages.pngHeaderDeclaring(300, 200));

    assertThat(probe).isEqualTo(new ImageDecoder.Probe(ImageFormat.PNG, 300, 200));
  }

  @Test
  void onePixelImageIsTooSmall() {
    assertRejected(
        TestImages.encode(TestImages.scene(1, 1), "png"), Reason.TOO_SMALL, "at least 2 pixels");
  }

  @Test
  void animatedGifIsRefused() {
    assertRejected(TestImages.animatedGif(), Reason.ANIMATED, "Animated GIFs");
  }

  @Test
  void oversizedFileIsRefusedByByteCount() {
    ImageDecoder strict = new ImageDecoder(new DecoderLimits(100, 1_000_000, 2));
    byte[] png = TestImages.encode(TestImages.scene(64, 64), "png");

    assertThatThrownBy(() -> strict.decode(png))
        .isInstanceOf(ImageRejectedException.class)
        .hasMessageContaining("the limit is 100 bytes");
  }

  private void assertRejected(byte[] bytes, Reason reason, String messagePart) {
    assertThatThrownBy(() -> decoder.decode(bytes))
        .isInstanceOfSatisfying(
            ImageRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(messagePart);
  }
}
