package io.imagesearch.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.imaging.ImageRejectedException.Reason;
import io.imagesearch.testsupport.HostileImages;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Data appended after an image is refused beyond a bound; the image's own bytes never are. */
class TrailingDataTest {

  private final ImageDecoder decoder = new ImageDecoder(DecoderLimits.DEFAULT);

  @ParameterizedTest
  @CsvSource({"png, PNG", "jpg, JPEG", "gif, GIF", "bmp, BMP"})
  void anOrdinaryImageEndsWhereItsFileEnds(String extension, ImageFormat format) {
    byte[] image = HostileImages.ordinary(extension);

    assertThat(TrailingData.endOfImage(image, format)).isEqualTo(image.length);
    assertThat(decoder.probeUpload(image).format()).isEqualTo(format);
  }

  @ParameterizedTest
  @ValueSource(strings = {"png", "jpg", "gif", "bmp"})
  void aPayloadLargerThanTheImageAndThanTheFloorIsRefusedNamingBothSizes(String extension) {
    byte[] image = HostileImages.ordinary(extension);
    int payload = TrailingData.ALWAYS_ALLOWED + image.length + 1;
    byte[] file = withPayload(image, payload);

    assertThatThrownBy(() -> decoder.probeUpload(file))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TRAILING_DATA))
        .hasMessageContaining(String.format("%,d bytes after the end of its image", payload))
        .hasMessageContaining(String.format("(%,d bytes)", image.length));
  }

  @ParameterizedTest
  @ValueSource(strings = {"png", "jpg", "gif", "bmp"})
  void upToTheFloorMayFollowAnyImage(String extension) {
    byte[] file = withPayload(HostileImages.ordinary(extension), TrailingData.ALWAYS_ALLOWED);

    assertThat(decoder.probeUpload(file)).isNotNull();
  }

  @Test
  void aMotionPhotoSizedTrailerNoLargerThanThePhotoIsAccepted() {
    byte[] photo = TestImages.encode(noise(900, 700), "jpg");
    byte[] video = new byte[photo.length - 1];
    new Random(3).nextBytes(video);

    assertThat(decoder.probeUpload(concat(photo, video)).format()).isEqualTo(ImageFormat.JPEG);
  }

  @Test
  void theProbeAloneStillAcceptsWhatWasStoredBeforeTheCheck() {
    byte[] image = HostileImages.ordinary("png");
    byte[] file = withPayload(image, TrailingData.ALWAYS_ALLOWED + image.length + 1);

    assertThat(decoder.probe(file).format()).isEqualTo(ImageFormat.PNG);
  }

  @ParameterizedTest
  @ValueSource(strings = {"png", "jpg", "gif", "bmp"})
  void aTruncatedImageIsLeftToTheDecoder(String extension) {
    byte[] image = HostileImages.ordinary(extension);

    assertThat(TrailingData.endOfImage(Arrays.copyOf(image, image.length / 2), format(extension)))
        .isEqualTo(-1);
  }

  @Test
  void anExifThumbnailsEndMarkerIsNotTheImagesEnd() {
    byte[] thumbnail = HostileImages.ordinary("jpg");
    byte[] photo = TestImages.encode(TestImages.scene(200, 150), "jpg");
    // An APP1 segment holding a whole JPEG, EOI included, right after the photo's SOI.
    byte[] app1 = new byte[4 + thumbnail.length];
    app1[0] = (byte) 0xFF;
    app1[1] = (byte) 0xE1;
    app1[2] = (byte) ((thumbnail.length + 2) >> 8);
    app1[3] = (byte) (thumbnail.length + 2);
    System.arraycopy(thumbnail, 0, app1, 4, thumbnail.length);
    byte[] file = concat(Arrays.copyOf(photo, 2), app1, Arrays.copyOfRange(photo, 2, photo.length));

    assertThat(TrailingData.endOfImage(file, ImageFormat.JPEG)).isEqualTo(file.length);
  }

  @Test
  void aWebpEndsWhereItsRiffHeaderSays() {
    byte[] body = "WEBPVP8L\4\0\0\0abcd".getBytes(StandardCharsets.ISO_8859_1);
    byte[] riff =
        ByteBuffer.allocate(8 + body.length)
            .order(ByteOrder.LITTLE_ENDIAN)
            .put("RIFF".getBytes(StandardCharsets.US_ASCII))
            .putInt(body.length)
            .put(body)
            .array();

    assertThat(TrailingData.endOfImage(riff, ImageFormat.WEBP)).isEqualTo(riff.length);
    assertThat(TrailingData.endOfImage(concat(riff, new byte[100]), ImageFormat.WEBP))
        .isEqualTo(riff.length);
    assertThat(TrailingData.endOfImage(Arrays.copyOf(riff, riff.length - 1), ImageFormat.WEBP))
        .isEqualTo(-1);
  }

  @Test
  void aBmpEndsAfterItsEmbeddedProfileWhenThatComesLast() {
    byte[] bmp = HostileImages.bmpDeclaringProfile(1000);
    // The profile is declared 124 bytes after the header's start, inside the pixels: ends with
    // them.
    assertThat(TrailingData.endOfImage(bmp, ImageFormat.BMP)).isEqualTo(bmp.length);

    byte[] withProfileAfterPixels = Arrays.copyOf(bmp, bmp.length);
    ByteBuffer.wrap(withProfileAfterPixels)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(14 + 112, bmp.length - 14);
    byte[] file = concat(withProfileAfterPixels, new byte[1000]);

    assertThat(TrailingData.endOfImage(file, ImageFormat.BMP)).isEqualTo(file.length);
  }

  @Test
  void theBoundIsTheImageSizeWithAFloor() {
    assertThat(TrailingData.allowedAfter(10)).isEqualTo(TrailingData.ALWAYS_ALLOWED);
    assertThat(TrailingData.allowedAfter(5_000_000)).isEqualTo(5_000_000);
  }

  private static byte[] withPayload(byte[] image, int payloadBytes) {
    byte[] payload = new byte[payloadBytes];
    Arrays.fill(payload, (byte) 'x');
    return concat(image, payload);
  }

  private static java.awt.image.BufferedImage noise(int w, int h) {
    java.awt.image.BufferedImage image =
        new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    return image;
  }

  private static ImageFormat format(String extension) {
    return switch (extension) {
      case "png" -> ImageFormat.PNG;
      case "jpg" -> ImageFormat.JPEG;
      case "gif" -> ImageFormat.GIF;
      default -> ImageFormat.BMP;
    };
  }

  private static byte[] concat(byte[]... parts) {
    int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
