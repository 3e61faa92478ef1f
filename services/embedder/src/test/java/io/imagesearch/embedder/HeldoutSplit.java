package io.imagesearch.embedder;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A committed model's held-out images with their captions, in file order, and text-to-image recall
 * on them by the rule the Python script used (fixtures/heldout/recall.json): one query per image,
 * its caption; images ranked by cosine, ties by file order; a hit when any of the top K has the
 * query's caption.
 */
record HeldoutSplit(List<String> captions, List<BufferedImage> images) {

  static HeldoutSplit of(CommittedModel model) {
    ImageDecoder decoder = new ImageDecoder(DecoderLimits.DEFAULT);
    JsonNode captionsJson = model.json("heldout/captions.json");
    List<String> captions = new ArrayList<>();
    List<BufferedImage> images = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = captionsJson.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      captions.add(entry.getValue().asText());
      try {
        byte[] bytes =
            Files.readAllBytes(model.fixtures().resolve("heldout").resolve(entry.getKey()));
        images.add(decoder.decode(bytes).rgb());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new HeldoutSplit(captions, images);
  }

  /** Recall@k of every caption as a query over every image, both embedded by {@code embedder}. */
  double textToImageRecall(DjlClipEmbedder embedder, int k) {
    return recallAt(k, embedder.embedTexts(captions), embedder.embedImages(images), captions);
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
}
