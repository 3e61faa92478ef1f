package io.imagesearch.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VectorSpacesTest {

  @Test
  void aModelIdThatIsAlreadySafeKeepsItsName() {
    assertThat(VectorSpaces.safeModelName("tiny-clip-v1", "_-", '-')).isEqualTo("tiny-clip-v1");
  }

  @Test
  void anAlteredIdGetsAHashSoDifferentIdsNeverShareAName() {
    String upper = VectorSpaces.safeModelName("CLIP/ViT-B", "_-", '-');
    String lower = VectorSpaces.safeModelName("clip/vit-b", "_-", '-');

    assertThat(upper).matches("clip-vit-b-[0-9a-f]{8}");
    assertThat(lower).matches("clip-vit-b-[0-9a-f]{8}").isNotEqualTo(upper);
    assertThat(VectorSpaces.safeModelName("tiny-clip-v1", "", '_'))
        .matches("tiny_clip_v1_[0-9a-f]{8}");
    assertThat(VectorSpaces.safeModelName("---", "_-", '-')).matches("model-[0-9a-f]{8}");
    assertThat(VectorSpaces.safeModelName("x".repeat(200), "", '_')).hasSize(80 + 1 + 8);
  }

  @Test
  void aBlankModelIdIsRefused() {
    assertThatThrownBy(() -> VectorSpaces.safeModelName(" ", "", '_'))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void vectorsCosineCannotRankAreRefusedWithWhatIsWrong() {
    VectorSpaces.checkVector(new float[] {0, 1}, 2, "v");

    assertThatThrownBy(() -> VectorSpaces.checkVector(new float[] {1}, 2, "v"))
        .hasMessageContaining("dimension 1 but this index has dimension 2");
    assertThatThrownBy(() -> VectorSpaces.checkVector(new float[] {Float.NaN, 1}, 2, "v"))
        .hasMessageContaining("non-finite");
    assertThatThrownBy(() -> VectorSpaces.checkVector(new float[] {0, 0}, 2, "v"))
        .hasMessageContaining("all zeros");
  }
}
