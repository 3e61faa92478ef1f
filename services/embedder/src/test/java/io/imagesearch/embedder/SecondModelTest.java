package io.imagesearch.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The models a model change is tested with: the bundled tiny-clip (A), the second trained model
 * tiny-clip-b (B: another id and dimension, so another index, and at least as good on the same
 * held-out images), and the random-weight Hugging Face export that a recall gate must refuse.
 */
class SecondModelTest {

  private static final CommittedModel A = TinyClip.MODEL;
  private static final CommittedModel B = CommittedModel.named("tiny-clip-b");

  @TempDir Path cache;

  @ParameterizedTest
  @EnumSource(ModelFormat.class)
  void theSecondModelLoadsThroughTheResolverAsAnotherVectorSpace(ModelFormat format) {
    try (DjlClipEmbedder a = load(A.dir(), format);
        DjlClipEmbedder b = load(B.dir(), format)) {
      assertThat(b.modelId())
          .isEqualTo(B.modelJson().path("id").asText())
          .isNotEqualTo(a.modelId());
      assertThat(b.dimension())
          .isEqualTo(B.modelJson().path("embedding_dim").asInt())
          .isNotEqualTo(a.dimension());
      assertThat(b.embedText("one large blue star at the top on a gray background"))
          .hasSize(b.dimension());
      assertThat(b.embedImages(HeldoutSplit.of(B).images().subList(0, 3)))
          .allSatisfy(vector -> assertThat(vector).hasSize(b.dimension()));
    }
  }

  @ParameterizedTest
  @EnumSource(ModelFormat.class)
  void theSecondModelRetrievesAsItsModelJsonRecords(ModelFormat format) {
    JsonNode recorded = B.modelJson().path("heldout").path("text_to_image");
    HeldoutSplit heldout = HeldoutSplit.of(B);

    try (DjlClipEmbedder b = load(B.dir(), format)) {
      // One tie flipped by float noise moves a recall by 1/200.
      assertThat(heldout.textToImageRecall(b, 1))
          .isCloseTo(recorded.path("R@1").asDouble(), offset(0.005));
      assertThat(heldout.textToImageRecall(b, 5))
          .isCloseTo(recorded.path("R@5").asDouble(), offset(0.005));
    }
  }

  @Test
  void bothTrainedModelsAreHeldOutOnTheSameImagesAndTheSecondIsAtLeastAsGood() throws IOException {
    JsonNode captions = A.json("heldout/captions.json");
    assertThat(B.json("heldout/captions.json")).isEqualTo(captions);
    for (Iterator<String> files = captions.fieldNames(); files.hasNext(); ) {
      String file = "heldout/" + files.next();
      assertThat(Files.mismatch(A.fixtures().resolve(file), B.fixtures().resolve(file)))
          .as(file)
          .isEqualTo(-1L);
    }
    assertThat(recordedRecallAtOne(B)).isGreaterThanOrEqualTo(recordedRecallAtOne(A));
  }

  /** hf-clip-export has random weights: a deliberately worse model for recall-gate tests. */
  @Test
  void aRandomWeightModelRetrievesFarWorseOnTheSameImages() {
    HeldoutSplit heldout = HeldoutSplit.of(B);
    try (DjlClipEmbedder random = load(HuggingFaceExportParityTest.EXPORT, ModelFormat.ONNX)) {
      assertThat(random.modelId())
          .isNotIn(A.modelJson().path("id").asText(), B.modelJson().path("id").asText());
      assertThat(heldout.textToImageRecall(random, 1)).isLessThan(0.1);
    }
  }

  private static double recordedRecallAtOne(CommittedModel model) {
    return model.modelJson().path("heldout").path("text_to_image").path("R@1").asDouble();
  }

  /** As the apps load a configured model: location string, resolver, spec reader, embedder. */
  private DjlClipEmbedder load(Path folder, ModelFormat format) {
    Path resolved =
        ModelResolver.withDefaults(cache).resolve(ModelLocation.parse(folder.toString()));
    return DjlClipEmbedder.load(
        ClipModelSpecReader.read(resolved, format), HeldoutRecallTest.options());
  }
}
