package io.imagesearch.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Text-to-image retrieval on the held-out split, computed in Java with the rule the Python script
 * used (fixtures/heldout/recall.json, see {@link HeldoutSplit}).
 */
class HeldoutRecallTest {

  @ParameterizedTest
  @EnumSource(ModelFormat.class)
  void recallAtOneMatchesPythonAndIsHigh(ModelFormat format) {
    HeldoutSplit heldout = HeldoutSplit.of(TinyClip.MODEL);
    double pythonRecallAt1 =
        TinyClip.json("heldout/recall.json").path("text_to_image").path("R@1").asDouble();

    double javaRecallAt1;
    try (DjlClipEmbedder embedder = DjlClipEmbedder.load(TinyClip.spec(format), options())) {
      javaRecallAt1 = heldout.textToImageRecall(embedder, 1);
    }

    assertThat(javaRecallAt1).isCloseTo(pythonRecallAt1, org.assertj.core.data.Offset.offset(0.02));
    assertThat(javaRecallAt1).isGreaterThanOrEqualTo(0.8);
  }

  static EmbedderOptions options() {
    return new EmbedderOptions(32, 1, 2);
  }
}
