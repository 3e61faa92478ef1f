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

/**
 * Text-to-image retrieval on the held-out split, computed in Java with the rule the Python script
 * used (fixtures/heldout/recall.json): one query per image, its caption; images ranked by cosine,
 * ties by file order; a hit when any of the top K has the query's caption.
 */
class HeldoutRecallTest {

  private final ImageDecoder decoder = new ImageDecoder(DecoderLimits.DEFAULT);

  @ParameterizedTest
  @EnumSource(ModelFormat.class)
  void recallAtOneMatchesPythonAndIsHigh(ModelFormat format) throws IOException {
    JsonNode captionsJson = TinyClip.json("heldout/captions.json");
    List<String> captions = new ArrayList<>();
    List<BufferedImage> images = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = captionsJson.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      captions.add(entry.getValue().asText());
      byte[] bytes =
          Files.readAllBytes(TinyClip.FIXTURES.resolve("heldout").resolve(entry.getKey()));
      images.add(decoder.decode(bytes).rgb());
    }
    double pythonRecallAt1 =
        TinyClip.json("heldout/recall.json").path("text_to_image").path("R@1").asDouble();

    double javaRecallAt1;
    try (DjlClipEmbedder embedder = DjlClipEmbedder.load(TinyClip.spec(format), options())) {
      List<float[]> imageVectors = embedder.embedImages(images);
      List<float[]> textVectors = embedder.embedTexts(captions);
      javaRecallAt1 = recallAt(1, textVectors, imageVectors, captions);
    }

    assertThat(javaRecallAt1).isCloseTo(pythonRecallAt1, org.assertj.core.data.Offset.offset(0.02));
    assertThat(javaRecallAt1).isGreaterThanOrEqualTo(0.8);
  }

  static double recallAt(
      int k, List<float[]> queries, List<float[]> images, List<String> captions) {
    int hits = 0;
    for (int q = 0; q < queries.size(); q++) {
      float[] query = queries.get(q);
      List<Integer> order = new ArrayList<>();
      double[] scores = new double[images.size()];
      for (int i = 0; i < images.size(); i++) {
        scores[i] = dot(query, images.get(i));
        order.add(i);
      }
      // List.sort is stable, so equal scores keep file order, as numpy's stable argsort does.
      order.sort((a, b) -> Double.compare(scores[b], scores[a]));
      for (int r = 0; r < k; r++) {
        if (captions.get(order.get(r)).equals(captions.get(q))) {
          hits++;
          break;
        }
      }
    }
    return (double) hits / queries.size();
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  static EmbedderOptions options() {
    return new EmbedderOptions(32, 1, 2);
  }
}
