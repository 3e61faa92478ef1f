package io.imagesearch.embedder;

import static io.imagesearch.embedder.Vectors.cosine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A model in the Hugging Face transformers ONNX layout, exported by transformers itself (random
 * weights; tools/models/hf_clip_export.py), gives the embeddings and token ids the transformers
 * pipeline computed: CLIPImageProcessor, CLIPTokenizerFast and CLIPModel in PyTorch. Random weights
 * put all images close together (cosine 0.84 to 0.99 between different images), so the bound is
 * 0.9999; the measured values are above 0.99999.
 */
class HuggingFaceExportParityTest {

  static final Path EXPORT = locate();

  private final ImageDecoder decoder = new ImageDecoder(DecoderLimits.DEFAULT);

  @Test
  void imagesAndTextsEmbedAsTheTransformersPipelineDoes() throws Exception {
    JsonNode reference = new ObjectMapper().readTree(EXPORT.resolve("reference.json").toFile());
    ClipModelSpec spec = ClipModelSpecReader.read(EXPORT, ModelFormat.ONNX);
    assertThat(spec.dimension()).isEqualTo(8);

    try (DjlClipEmbedder embedder = DjlClipEmbedder.load(spec, new EmbedderOptions(8, 1, 1));
        ClipTokenizer tokenizer =
            new ClipTokenizer(spec.tokenizer(), spec.contextLength(), spec.padId())) {
      int images = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = reference.path("images").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        byte[] bytes = Files.readAllBytes(TinyClip.FIXTURES.resolve(entry.getKey()));
        float[] got =
            embedder.embedImages(java.util.List.of(decoder.decode(bytes).rgb())).getFirst();
        float[] want = TinyClip.floats(entry.getValue().path("embedding"));
        assertThat(cosine(got, want)).as(entry.getKey()).isGreaterThanOrEqualTo(0.9999);
        images++;
      }
      assertThat(images).isGreaterThanOrEqualTo(4);

      // This export's text tower declares 77 ids per text: every batch is padded to all 77.
      assertThat(embedder.textSequenceLength(java.util.List.of("a"))).isEqualTo(77);
      for (JsonNode text : reference.path("texts")) {
        String value = text.path("text").asText();
        assertThat(tokenizer.encode(value))
            .as("ids of %s", value)
            .containsExactly(TinyClip.longs(text.path("ids")));
        float[] got = embedder.embedText(value);
        float[] want = TinyClip.floats(text.path("embedding"));
        assertThat(cosine(got, want)).as(value).isGreaterThanOrEqualTo(0.9999);
      }
    }
  }

  private static Path locate() {
    try {
      return Path.of(
              HuggingFaceExportParityTest.class.getResource("/hf-clip-export/config.json").toURI())
          .getParent();
    } catch (java.net.URISyntaxException | NullPointerException e) {
      throw new IllegalStateException(
          "src/test/resources/hf-clip-export is missing: run tools/models/train_tiny_clip.sh"
              + " hf-export services/embedder/src/test/resources/hf-clip-export",
          e);
    }
  }
}
