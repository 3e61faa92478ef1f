package io.imagesearch.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import io.imagesearch.imaging.ImageRejectedException.Reason;
import io.imagesearch.testsupport.HostileBmps;
import io.imagesearch.testsupport.HostileGifs;
import io.imagesearch.testsupport.HostileImages;
import io.imagesearch.testsupport.HostileJpegs;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files built to exhaust memory or time are refused from their headers, before any pixel or
 * metadata is decoded; shapes within the limits decode with work bounded by the output.
 */
class HostileImageTest {

  private static final long GIB = 1L << 30;

  private final ImageDecoder decoder = new ImageDecoder(DecoderLimits.DEFAULT);

  static Stream<Arguments> refusedFromTheHeader() {
    return Stream.of(
        Arguments.of(
            "2 x 25,000,000 grey PNG, exactly at the pixel limit",
            HostileImages.greyPng(2, 25_000_000),
            Reason.EXTREME_ASPECT_RATIO,
            "its aspect ratio 1:12,500,000 exceeds 1:100"),
        Arguments.of(
            "2 x 5,000,000 grey PNG",
            HostileImages.greyPng(2, 5_000_000),
            Reason.EXTREME_ASPECT_RATIO,
            "1:2,500,000"),
        Arguments.of(
            "25,000,000 x 2 grey PNG",
            HostileImages.greyPng(25_000_000, 2),
            Reason.EXTREME_ASPECT_RATIO,
            "25000000x2"),
        Arguments.of(
            "zTXt inflating to 1 GiB", HostileImages.zTxtBomb(GIB), Reason.TOO_LARGE, "metadata"),
        Arguments.of(
            "compressed iTXt inflating to 1 GiB",
            HostileImages.iTxtBomb(GIB),
            Reason.TOO_LARGE,
            "metadata"),
        Arguments.of(
            "iCCP profile inflating to 1 GiB",
            HostileImages.iccpBomb(GIB),
            Reason.TOO_LARGE,
            "metadata"),
        Arguments.of(
            "WebP declaring a 2 GB colour profile",
            HostileImages.webpDeclaringProfile(0x7FFF_FFF0L),
            Reason.TOO_LARGE,
            "metadata"),
        Arguments.of(
            "BMP declaring a 2 GB colour profile",
            HostileImages.bmpDeclaringProfile(0x7FFF_FFF0L),
            Reason.TOO_LARGE,
            "metadata"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedFromTheHeader")
  void isRefusedByTheProbeAndByDecoding(String kind, byte[] file, Reason reason, String message) {
    for (var attempt : new Runnable[] {() -> decoder.probe(file), () -> decoder.decode(file)}) {
      assertThatThrownBy(attempt::run)
          .isInstanceOfSatisfying(
              ImageRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
          .hasMessageContaining(message);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bmpsWrappingAnotherFormat")
  void aBmpWrappingAJpegOrPngIsRefusedBeforeAnyReaderSeesIt(String kind, byte[] file) {
    for (var attempt : new Runnable[] {() -> decoder.probe(file), () -> decoder.decode(file)}) {
      assertThatThrownBy(attempt::run)
          .isInstanceOfSatisfying(
              ImageRejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT))
          .hasMessageContaining("The BMP file wraps a");
    }
  }

  static Stream<Arguments> bmpsWrappingAnotherFormat() {
    byte[] png = HostileImages.ordinary("png");
    return Stream.of(
        // ImageIO's BMP reader allocated the declared 2 GB before reading the wrapped PNG.
        Arguments.of(
            "a PNG, the size field saying 2 GB", HostileBmps.embeddedPng(png, 0x7FFF_FFF0L)),
        Arguments.of("a PNG whose zTXt inflates to 1 GiB", bmpAround(HostileImages.zTxtBomb(GIB))),
        Arguments.of("a JPEG", HostileBmps.embeddedJpeg(HostileJpegs.ordinary())));
  }

  private static byte[] bmpAround(byte[] png) {
    return HostileBmps.embeddedPng(png, png.length);
  }

  @Test
  void anOrdinaryBmpIsNotTakenForAWrapper() {
    assertThat(decoder.decode(HostileBmps.uniform(96, 64, false)).width()).isEqualTo(96);
    assertThat(decoder.decode(HostileBmps.indexed(BufferedImage.TYPE_BYTE_BINARY)).width())
        .isEqualTo(96);
  }

  /**
   * ImageIO's GIF reader joins a comment's 255-byte blocks by copying all it holds for each one: 4
   * MiB of comment allocated gigabytes and took 18 s to probe while the decoder read metadata.
   * Unread, the work is bounded by the file.
   */
  @Test
  void aLongGifCommentCostsNoMoreThanItsSize() {
    byte[] gif = HostileGifs.withComment(4 << 20);
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();

    decoder.probe(gif);
    DecodedImage image = decoder.decode(gif);

    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(image.width()).isEqualTo(96);
    assertThat(allocated).isLessThan(20L * gif.length);
  }

  @Test
  void theMostElongatedShapeAllowedDecodesAndThumbnails() {
    DecodedImage image = decoder.decode(HostileImages.greyPng(40, 4_000));

    assertThat(image.width()).isEqualTo(40);
    assertThat(image.height()).isEqualTo(4_000);
    Thumbnailer.Thumbnail thumbnail = Thumbnailer.defaults().make(image.rgb());
    assertThat(thumbnail.image().getHeight()).isEqualTo(320);
    assertThat(thumbnail.image().getWidth()).isEqualTo(3);
  }

  @Test
  void aThinStripIsThumbnailedFromBlocksOfItsOwnShape() {
    int[] grey = new int[2 * 5_000_000];
    java.util.Arrays.fill(grey, 0x808080);

    Thumbnailer.Thumbnail thumbnail =
        Thumbnailer.defaults().make(IntRgbImages.wrap(grey, 2, 5_000_000));

    assertThat(thumbnail.image().getWidth()).isEqualTo(1);
    assertThat(thumbnail.image().getHeight()).isEqualTo(320);
    assertThat(thumbnail.image().getRGB(0, 160) & 0xFFFFFF).isEqualTo(0x808080);
  }

  @Test
  void oneRowMoreThanTheAllowedShapeIsRefused() {
    assertThatThrownBy(() -> decoder.probe(HostileImages.greyPng(40, 4_001)))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.EXTREME_ASPECT_RATIO));
  }

  @Test
  void metadataWithinTheBudgetIsRead() {
    DecodedImage image = decoder.decode(HostileImages.zTxtBomb(1 << 20));

    assertThat(image.width()).isEqualTo(96);
  }

  @Test
  void aSmallerMetadataLimitIsEnforcedToo() {
    ImageDecoder strict =
        new ImageDecoder(new DecoderLimits(50L << 20, 50_000_000L, 2, 100, 1 << 20));

    assertThatThrownBy(() -> strict.probe(HostileImages.iccpBomb(2 << 20)))
        .hasMessageContaining("more than 1048576 bytes once decompressed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"png", "jpg", "gif", "bmp"})
  void aTruncatedFileIsRefusedOrDecodedButNeverFailsOtherwise(String format) {
    byte[] whole = HostileImages.ordinary(format);
    for (double fraction : new double[] {0.05, 0.3, 0.6, 0.95}) {
      byte[] cut = HostileImages.truncated(whole, fraction);
      try {
        DecodedImage image = decoder.decode(cut);
        assertThat(image.width()).isEqualTo(96);
      } catch (ImageRejectedException refused) {
        assertThat(refused.getMessage()).isNotBlank();
      }
    }
  }
}
