package io.imagesearch.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.image.ImageMetadata;
import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.storage.local.LuceneVectorIndex;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The automatic threshold on a real index: 95 scattered images and 5 close to the query. */
class AutoCutoffTest {

  private static final int DIMENSION = 16;
  private static final float[] QUERY = axis(0);

  @TempDir Path dir;
  private LuceneVectorIndex lucene;
  private final AtomicInteger samples = new AtomicInteger();
  private VectorIndex index;

  @BeforeEach
  void indexScatteredAndCloseImages() {
    lucene = LuceneVectorIndex.open(dir, "cutoff-test", DIMENSION);
    index =
        new DelegatingIndex(lucene) {
          @Override
          public List<float[]> sampleVectors(int n) {
            samples.incrementAndGet();
            return super.sampleVectors(n);
          }
        };
    Random random = new Random(7);
    List<IndexedImage> images = new ArrayList<>();
    for (int n = 0; n < 100; n++) {
      float[] v = new float[DIMENSION];
      for (int i = 0; i < DIMENSION; i++) {
        v[i] = (float) random.nextGaussian();
      }
      if (n < 5) {
        v[0] += 12; // close to the query
      }
      images.add(image(n, v));
    }
    lucene.upsert(images);
  }

  @AfterEach
  void close() {
    lucene.close();
  }

  @Test
  void theThresholdStandsAboveWhatTheQueryScoresAgainstTheLibrary() {
    AutoCutoff cutoff = new AutoCutoff(settings(1.75, Duration.ofMinutes(1)));

    double threshold = cutoff.threshold(index, QUERY).orElseThrow();

    List<Double> scores = lucene.sampleVectors(1000).stream().map(AutoCutoffTest::cosine).toList();
    assertThat(scores).hasSize(100);
    assertThat(scores.stream().filter(s -> s >= threshold).count()).isEqualTo(5);
  }

  @Test
  void moreDeviationsCutHigher() {
    double low = new AutoCutoff(settings(1, Duration.ZERO)).threshold(index, QUERY).orElseThrow();
    double high = new AutoCutoff(settings(3, Duration.ZERO)).threshold(index, QUERY).orElseThrow();

    assertThat(high).isGreaterThan(low);
  }

  @Test
  void theSampleIsReusedUntilItIsDueAgain() {
    AutoCutoff kept = new AutoCutoff(settings(1.75, Duration.ofMinutes(1)));
    kept.threshold(index, QUERY);
    kept.threshold(index, QUERY);
    assertThat(samples).hasValue(1);

    AutoCutoff redrawn = new AutoCutoff(settings(1.75, Duration.ZERO));
    redrawn.threshold(index, QUERY);
    redrawn.threshold(index, QUERY);
    assertThat(samples).hasValue(3);
  }

  private static RankingSettings settings(double deviations, Duration refresh) {
    return new RankingSettings(1000, 60, deviations, 512, refresh);
  }

  private static double cosine(float[] v) {
    double dot = 0;
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      dot += v[i] * QUERY[i];
      norm += v[i] * v[i];
    }
    return dot / Math.sqrt(norm);
  }

  private static float[] axis(int i) {
    float[] v = new float[DIMENSION];
    v[i] = 1;
    return v;
  }

  private static IndexedImage image(int n, float[] vector) {
    return new IndexedImage(
        ImageId.of(new byte[] {(byte) n, 1}),
        vector,
        new ImageMetadata(
            n + ".png", "image/png", 8, 8, Instant.EPOCH, Set.of(), n, Optional.empty()));
  }
}
