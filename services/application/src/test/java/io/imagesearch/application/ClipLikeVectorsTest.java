package io.imagesearch.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.imagesearch.contract.bench.ClipLikeVectors;
import io.imagesearch.contract.bench.EmbeddingStatistics;
import io.imagesearch.embedder.ClipModelSpecReader;
import io.imagesearch.embedder.DjlClipEmbedder;
import io.imagesearch.embedder.EmbedderOptions;
import io.imagesearch.embedder.ModelFormat;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.RepositoryRoot;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's vector generator looks like a real model's embeddings: its statistics match the
 * bundled tiny CLIP's on the held-out split (200 images, one query per distinct caption), where
 * random Gaussian vectors match none of them.
 */
class ClipLikeVectorsTest {

  private static final double TOLERANCE = 0.05;

  @Test
  void theGeneratorHasTheTinyModelsEmbeddingStatistics() {
    EmbeddingStatistics real = tinyClipHeldout();
    int images = 200;
    int clusters = 160;
    ClipLikeVectors generator =
        new ClipLikeVectors(64, clusters, 17, ClipLikeVectors.Shape.TINY_CLIP);
    List<float[]> imageVectors = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      imageVectors.add(generator.image(i % clusters));
    }
    List<float[]> queries = new ArrayList<>();
    for (int k = 0; k < clusters; k++) {
      queries.add(generator.query(k));
    }
    EmbeddingStatistics generated = EmbeddingStatistics.of(imageVectors, queries);
    System.out.printf("tiny-clip held-out: %s%ngenerated (64-d): %s%n", real, generated);

    assertThat(generated.meanImageCosine()).isCloseTo(real.meanImageCosine(), within(TOLERANCE));
    assertThat(generated.meanTextImageCosine())
        .isCloseTo(real.meanTextImageCosine(), within(TOLERANCE));
    assertThat(generated.top1Mean()).isCloseTo(real.top1Mean(), within(TOLERANCE));
    assertThat(generated.top1Sd()).isCloseTo(real.top1Sd(), within(TOLERANCE));
  }

  private static EmbeddingStatistics tinyClipHeldout() {
    try (DjlClipEmbedder clip =
        DjlClipEmbedder.load(
            ClipModelSpecReader.read(
                RepositoryRoot.find().resolve("models").resolve("tiny-clip"), ModelFormat.ONNX),
            new EmbedderOptions(32, 1, 2))) {
      ImageDecoder decoder = new ImageDecoder(DecoderLimits.DEFAULT);
      List<BufferedImage> pixels = new ArrayList<>();
      Map<String, Boolean> captions = new LinkedHashMap<>();
      for (HeldoutSet.Example example : HeldoutSet.all()) {
        pixels.add(decoder.decode(example.bytes()).rgb());
        captions.put(example.caption(), true);
      }
      List<float[]> texts = new ArrayList<>();
      for (String caption : captions.keySet()) {
        texts.add(clip.embedText(caption));
      }
      return EmbeddingStatistics.of(clip.embedImages(pixels), texts);
    }
  }
}
