package io.imagesearch.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ThumbnailAndHashTest {

  private final ImageDecoder decoder = new ImageDecoder(DecoderLimits.DEFAULT);

  @Test
  void thumbnailKeepsAspectRatioWithinTheBoundAndIsAJpeg() {
    byte[] thumb = Thumbnailer.defaults().make(TestImages.scene(1600, 900)).jpeg();

    DecodedImage decoded = decoder.decode(thumb);
    assertThat(decoded.format()).isEqualTo(ImageFormat.JPEG);
    assertThat(decoded.width()).isEqualTo(320);
    assertThat(decoded.height()).isEqualTo(180);
  }

  @Test
  void smallImagesAreNotUpscaled() {
    DecodedImage decoded =
        decoder.decode(Thumbnailer.defaults().make(TestImages.scene(50, 40)).jpeg());

    assertThat(decoded.width()).isEqualTo(50);
    assertThat(decoded.height()).isEqualTo(40);
  }

  @Test
  void reencodedAndResizedCopiesAreNearDuplicatesButOtherImagesAreNot() {
    BufferedImage original = TestImages.scene(400, 300);
    BufferedImage copy =
        decoder.decode(TestImages.encode(Thumbnailer.defaults().scaleDown(original), "jpg")).rgb();
    BufferedImage other = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = other.createGraphics();
    g.setColor(Color.BLUE);
    g.fillRect(0, 0, 200, 300);
    g.setColor(Color.YELLOW);
    g.fillRect(200, 0, 200, 300);
    g.fillOval(20, 20, 60, 60);
    g.dispose();

    long a = PerceptualHash.of(original);

    assertThat(PerceptualHash.distance(a, PerceptualHash.of(copy)))
        .isLessThanOrEqualTo(PerceptualHash.NEAR_DUPLICATE_DISTANCE);
    assertThat(PerceptualHash.distance(a, PerceptualHash.of(other)))
        .isGreaterThan(PerceptualHash.NEAR_DUPLICATE_DISTANCE);
  }
}
