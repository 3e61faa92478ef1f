package io.imagesearch.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Java embeddings, from the image files and texts, against the Python reference model. */
class EmbeddingParityTest {

  static final double MIN_COSINE = 0.999;

  private final ImageDecoder decoder = new ImageDecoder(DecoderLimits.DEFAULT);

  @ParameterizedTest
  @EnumSource(ModelFormat.class)
  void imageEmbeddingsMatchTheReference(ModelFormat format) throws IOException {
    JsonNode reference = TinyClip.json("embeddings_reference.json").path("images");
    List<String> names = new ArrayList<>();
    List<BufferedImage> images = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = reference.fields(); it.hasNext(); ) {
      String name = it.next().getKey();
      names.add(name);
      images.add(decoder.decode(Files.readAllBytes(TinyClip.FIXTURES.resolve(name))).rgb());
    }
    try (DjlClipEmbedder embedder = DjlClipEmbedder.load(TinyClip.spec(format), options())) {
      List<float[]> vectors = embedder.embedImages(images);

      for (int i = 0; i < names.size(); i++) {
        float[] expected = TinyClip.floats(reference.path(names.get(i)));
        assertThat(vectors.get(i)).hasSize(embedder.dimension());
        assertThat(Vectors.cosine(vectors.get(i), expected))
            .as("%s cosine with the reference (%s)", names.get(i), format)
            .isGreaterThanOrEqualTo(MIN_COSINE);
      }
    }
  }

  /**
   * Each reference text embedded alone and within a batch of its group. A batch is padded only up
   * to its longest text (the project's exports take any length), while the reference pads every
   * text to 77 ids; both must give the reference's embedding.
   */
  @ParameterizedTest
  @EnumSource(ModelFormat.class)
  void textEmbeddingsMatchTheReference(ModelFormat format) {
    JsonNode reference = TinyClip.json("embeddings_reference.json");
    try (DjlClipEmbedder embedder = DjlClipEmbedder.load(TinyClip.spec(format), options())) {
      for (String group : List.of("captions", "texts")) {
        List<JsonNode> entries = new ArrayList<>();
        reference.path(group).forEach(entries::add);
        List<String> texts = entries.stream().map(entry -> entry.path("text").asText()).toList();
        int longest = texts.stream().mapToInt(t -> idCount(embedder, t)).max().orElseThrow();
        assertThat(embedder.textSequenceLength(texts)).as(group).isEqualTo(longest);

        List<float[]> together = embedder.embedTexts(texts);

        for (int i = 0; i < texts.size(); i++) {
          float[] expected = TinyClip.floats(entries.get(i).path("embedding"));
          String text = abbreviate(texts.get(i));
          assertThat(Vectors.cosine(embedder.embedText(texts.get(i)), expected))
              .as("\"%s\" alone, cosine with the reference (%s)", text, format)
              .isGreaterThanOrEqualTo(MIN_COSINE);
          assertThat(Vectors.cosine(together.get(i), expected))
              .as("\"%s\" in a batch, cosine with the reference (%s)", text, format)
              .isGreaterThanOrEqualTo(MIN_COSINE);
        }
      }
      // Captions are short: their batch is a fraction of the 77-id context.
      List<String> captions = List.of("two small red circles on a white background", "a");
      assertThat(embedder.textSequenceLength(captions)).isEqualTo(10);
    }
  }

  /** Ids up to and including the first end token in the ids padded as the reference does. */
  private static int idCount(DjlClipEmbedder embedder, String text) {
    long[] ids = embedder.tokenize(text);
    int end = 0;
    while (ids[end] != ClipModelSpecReader.CLIP_EOT_ID) {
      end++;
    }
    return end + 1;
  }

  static EmbedderOptions options() {
    return new EmbedderOptions(8, 1, 2);
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
