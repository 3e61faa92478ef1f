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
  void aLosslessSourceGetsALosslessPngNoLargerThanItsOriginal() {
    byte[] original = TestImages.encode(TestImages.drawing(1600, 900), "png");
    DecodedImage source = decoder.decode(original);

    Thumbnailer.Stored thumb = Thumbnailer.defaults().make(source, original);

    assertThat(thumb.contentType()).isEqualTo("image/png");
    assertThat(thumb.bytes().length).isLessThanOrEqualTo(original.length);
    DecodedImage decoded = decoder.decode(thumb.bytes());
    assertThat(decoded.format()).isEqualTo(ImageFormat.PNG);
    assertThat(decoded.width()).isEqualTo(320);
    // Lossless: exactly the scaled pixels, no ringing around the shapes' edges.
    BufferedImage scaled = thumb.image();
    for (int y = 0; y < 180; y++) {
      for (int x = 0; x < 320; x++) {
        assertThat(decoded.rgb().getRGB(x, y)).isEqualTo(scaled.getRGB(x, y));
      }
    }
  }

  @Test
  void aGifGetsAPngAndAPhotoAJpeg() {
    byte[] gif = TestImages.encode(TestImages.drawing(800, 600), "gif");
    byte[] jpeg = TestImages.encode(TestImages.scene(1600, 900), "jpg");

    assertThat(Thumbnailer.defaults().make(decoder.decode(gif), gif).contentType())
        .isEqualTo("image/png");
    Thumbnailer.Stored photo = Thumbnailer.defaults().make(decoder.decode(jpeg), jpeg);
    assertThat(photo.contentType()).isEqualTo("image/jpeg");
    assertThat(decoder.decode(photo.bytes()).width()).isEqualTo(320);
  }

  @Test
  void aLargeImageAlsoGetsAThumbnailOfTwiceTheSideASmallOneDoesNot() {
    byte[] large = TestImages.encode(TestImages.scene(1600, 900), "jpg");
    byte[] small = TestImages.encode(TestImages.scene(300, 200), "jpg");

    Thumbnailer.Sizes sizes = Thumbnailer.defaults().makeSizes(decoder.decode(large), large);

    assertThat(decoder.decode(sizes.standard().bytes()).width()).isEqualTo(320);
    assertThat(decoder.decode(sizes.doubled().orElseThrow().bytes()).width()).isEqualTo(640);
    assertThat(decoder.decode(sizes.doubled().orElseThrow().bytes()).height()).isEqualTo(360);
    assertThat(Thumbnailer.defaults().makeSizes(decoder.decode(small), small).doubled()).isEmpty();
  }

  /** Re-encoding a small, well compressed file would only make it larger. */
  @Test
  void anOriginalThatFitsAndIsSmallerIsItsOwnThumbnail() throws Exception {
    BufferedImage small = TestImages.scene(120, 90);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageWriter writer =
        javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
    javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.2f);
    try (javax.imageio.stream.ImageOutputStream stream =
        javax.imageio.ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new javax.imageio.IIOImage(small, null, null), param);
    }
    writer.dispose();
    byte[] original = out.toByteArray();

    Thumbnailer.Stored thumb = Thumbnailer.defaults().make(decoder.decode(original), original);

    assertThat(thumb.bytes()).isSameAs(original);
    assertThat(thumb.contentType()).isEqualTo("image/jpeg");
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
