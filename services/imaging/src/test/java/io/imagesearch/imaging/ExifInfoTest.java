package io.imagesearch.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.testsupport.HostileJpegs;
import io.imagesearch.testsupport.Tiffs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The EXIF fields the product keeps: orientation, date taken and camera. */
class ExifInfoTest {

  @ParameterizedTest
  @EnumSource(
      value = JpegCodec.class,
      names = {"LIBJPEG_TURBO", "IMAGEIO"})
  void aJpegsExifIsAppliedAndKept(JpegCodec codec) throws IOException {
    byte[] jpeg = withExif(TestImages.encode(TestImages.scene(120, 80), "jpg"));

    DecodedImage image = new ImageDecoder(DecoderLimits.DEFAULT, codec).decode(jpeg);

    // Orientation 6: stored landscape, shown portrait.
    assertThat(image.width()).isEqualTo(80);
    assertThat(image.height()).isEqualTo(120);
    assertThat(image.camera()).contains("Acme Cam 1");
    assertThat(image.takenAt()).contains(Instant.parse("2021-06-15T10:30:00Z"));
  }

  @Test
  void anImageWithoutExifGetsDefaults() throws IOException {
    for (String format : new String[] {"jpg", "png"}) {
      byte[] bytes = TestImages.encode(TestImages.scene(120, 80), format);

      assertThat(ExifInfo.read(bytes, ImageFormat.sniff(bytes).orElseThrow()))
          .as(format)
          .isEqualTo(ExifInfo.NONE);
    }
  }

  @Test
  void anUnreadableExifBlockStillDecodesWithDefaults() throws IOException {
    byte[] jpeg = withExif(TestImages.encode(TestImages.scene(120, 80), "jpg"));
    // An unknown byte order: the TIFF block cannot be read at all.
    int byteOrder = indexOf(jpeg, "MM".getBytes(StandardCharsets.US_ASCII));
    jpeg[byteOrder] = 'Q';
    jpeg[byteOrder + 1] = 'Q';

    DecodedImage image = new ImageDecoder(DecoderLimits.DEFAULT).decode(jpeg);

    assertThat(image.width()).isEqualTo(120);
    assertThat(image.camera()).isEqualTo(Optional.empty());
    assertThat(image.takenAt()).isEqualTo(Optional.empty());
  }

  @Test
  void exifThatOverflowsTheReadersStackIsUnreadableNotFatal() {
    // metadata-extractor follows each IFD's link to the next by recursion.
    byte[] jpeg =
        HostileJpegs.withSegments(
            HostileJpegs.ordinary(), List.of(HostileJpegs.exif(Tiffs.chainOfIfds(3000))));

    assertThat(ExifInfo.read(jpeg, ImageFormat.JPEG)).isEqualTo(ExifInfo.NONE);
    assertThat(new ImageDecoder(DecoderLimits.DEFAULT).decode(jpeg).width()).isEqualTo(96);
  }

  /** The JPEG with an APP1 EXIF segment after its SOI marker. */
  static byte[] withExif(byte[] jpeg) {
    byte[] tiff = tiff();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    int length = 2 + 6 + tiff.length;
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
    out.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(tiff);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /** A big-endian TIFF block: IFD0 (Make, Model, Orientation, EXIF pointer), EXIF IFD (date). */
  private static byte[] tiff() {
    ByteBuffer b = ByteBuffer.allocate(112);
    b.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
    b.putShort((short) 4);
    entry(b, 0x010F, 2, 5, 62); // Make
    entry(b, 0x0110, 2, 6, 67); // Model
    b.putShort((short) 0x0112)
        .putShort((short) 3)
        .putInt(1)
        .putShort((short) 6)
        .putShort((short) 0);
    entry(b, 0x8769, 4, 1, 74); // EXIF IFD
    b.putInt(0);
    b.put("Acme\0".getBytes(StandardCharsets.US_ASCII));
    b.put("Cam 1\0".getBytes(StandardCharsets.US_ASCII));
    b.put((byte) 0);
    b.putShort((short) 1);
    entry(b, 0x9003, 2, 20, 92); // DateTimeOriginal
    b.putInt(0);
    b.put("2021:06:15 10:30:00\0".getBytes(StandardCharsets.US_ASCII));
    return b.array();
  }

  private static void entry(ByteBuffer b, int tag, int type, int count, int offset) {
    b.putShort((short) tag).putShort((short) type).putInt(count).putInt(offset);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("not found");
  }
}
