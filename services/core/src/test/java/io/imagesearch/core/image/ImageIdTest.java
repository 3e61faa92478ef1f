package io.imagesearch.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageIdTest {

  @Test
  void idIsTheHexSha256OfTheBytes() {
    ImageId id = ImageId.of("abc".getBytes(StandardCharsets.US_ASCII));

    assertThat(id.hex())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(id.imageKey()).isEqualTo("images/" + id.hex());
    assertThat(id.thumbnailKey()).isEqualTo("thumbs/" + id.hex());
  }

  @Test
  void sameBytesGiveTheSameId() {
    assertThat(ImageId.of(new byte[] {1, 2, 3})).isEqualTo(ImageId.of(new byte[] {1, 2, 3}));
    assertThat(ImageId.of(new byte[] {1, 2, 3})).isNotEqualTo(ImageId.of(new byte[] {1, 2, 4}));
  }

  @Test
  void parseRejectsAnythingButLowercaseSha256Hex() {
    String valid = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    assertThat(ImageId.parse(valid)).contains(new ImageId(valid));
    assertThat(ImageId.parse(valid.toUpperCase())).isEmpty();
    assertThat(ImageId.parse("../../etc/passwd")).isEmpty();
    assertThat(ImageId.parse(valid + "0")).isEmpty();
    assertThat(ImageId.parse(null)).isEmpty();
    assertThatThrownBy(() -> new ImageId("x".repeat(500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 lowercase hex")
        .hasMessageEndingWith("...");
  }
}
