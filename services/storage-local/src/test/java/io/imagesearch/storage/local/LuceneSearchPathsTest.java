package io.imagesearch.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.imagesearch.contract.bench.ClipLikeVectors;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.image.ImageMetadata;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.SearchFilter;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exact scan below the crossover, the quantized graph with rescoring above it, narrow filters.
 */
class LuceneSearchPathsTest {

  private static final int N = 3000;
  private static final int DIM = 128;
  private static final int K = 10;
  private static final String RARE = "rare";

  @TempDir Path baseDir;

  private final ClipLikeVectors generator = ClipLikeVectors.forLibrary(N, DIM, 7);
  private final List<IndexedImage> images = library();

  @Test
  void belowTheCrossoverASearchIsExact() {
    try (LuceneVectorIndex index = open(LuceneIndexOptions.DEFAULTS.withExactScanBelow(N))) {
      index.upsert(images);
      for (int q = 0; q < 20; q++) {
        float[] query = generator.query();
        assertThat(ids(index.search(VectorQuery.topK(query, K))))
            .isEqualTo(exactTop(query, images, K));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = VectorEncoding.class,
      names = {"INT7", "INT4"})
  void aboveItTheQuantizedGraphsCandidatesAreRescoredAtFullPrecision(VectorEncoding encoding) {
    LuceneIndexOptions options =
        LuceneIndexOptions.DEFAULTS.withExactScanBelow(0).withEncoding(encoding);
    try (LuceneVectorIndex index = open(options)) {
      index.upsert(images);
      double recall = 0;
      int queries = 50;
      for (int q = 0; q < queries; q++) {
        float[] query = generator.query();
        List<SearchHit> hits = index.search(VectorQuery.topK(query, K));
        for (SearchHit hit : hits) {
          // The score is the full-precision cosine, not the quantized estimate.
          assertThat(hit.score())
              .isCloseTo(VectorUtil.cosine(query, vectorOf(hit.id())), within(1e-5f));
        }
        List<ImageId> exact = exactTop(query, images, K);
        recall += ids(hits).stream().filter(exact::contains).count() / (double) K;
      }
      assertThat(recall / queries).as("recall@10 with %s", encoding).isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void aNarrowFilterFindsAllItsDocumentsInExactOrderOnEitherPath() {
    List<IndexedImage> rare =
        images.stream().filter(i -> i.metadata().tags().contains(RARE)).toList();
    for (int below : new int[] {100, 0}) {
      Path dir = baseDir.resolve("below-" + below);
      try (LuceneVectorIndex index =
          LuceneVectorIndex.open(
              dir, "m", DIM, LuceneIndexOptions.DEFAULTS.withExactScanBelow(below))) {
        index.upsert(images);
        float[] query = generator.query();
        List<SearchHit> hits =
            index.search(
                new VectorQuery(
                    query,
                    K,
                    0,
                    new SearchFilter(Optional.empty(), Optional.empty(), Set.of(), Set.of(RARE)),
                    -1f));
        assertThat(ids(hits)).as("exact scan below %d", below).isEqualTo(exactTop(query, rare, K));
      }
    }
  }

  @Test
  void anIndexWrittenWithAnotherEncodingKeepsOpeningAndMerges() {
    List<IndexedImage> first = images.subList(0, N / 2);
    List<IndexedImage> second = images.subList(N / 2, N);
    LuceneIndexOptions floats =
        LuceneIndexOptions.DEFAULTS.withExactScanBelow(0).withEncoding(VectorEncoding.FLOAT32);
    try (LuceneVectorIndex index = open(floats)) {
      index.upsert(first);
    }
    LuceneIndexOptions quantized = LuceneIndexOptions.DEFAULTS.withExactScanBelow(0);
    try (LuceneVectorIndex index = open(quantized)) {
      index.upsert(second);
      assertThat(index.segmentCount()).isEqualTo(2);
      index.mergeSegments();
      assertThat(index.segmentCount()).isEqualTo(1);
      assertThat(index.count()).isEqualTo(N);
      float[] query = generator.query();
      List<ImageId> exact = exactTop(query, images, K);
      assertThat(ids(index.search(VectorQuery.topK(query, K))))
          .filteredOn(exact::contains)
          .hasSizeGreaterThanOrEqualTo(8);
    }
  }

  @Test
  void writesStoppingMergeTheSegments() throws InterruptedException {
    LuceneIndexOptions options =
        new LuceneIndexOptions(
            0, VectorEncoding.INT7, 16, 100, 100, 2, 0, Duration.ofMillis(200), 1);
    try (LuceneVectorIndex index = open(options)) {
      for (int from = 0; from < 1000; from += 200) {
        index.upsert(images.subList(from, from + 200));
      }
      assertThat(index.segmentCount()).isGreaterThan(1);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (index.segmentCount() > 1 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(index.segmentCount()).isEqualTo(1);
      assertThat(index.count()).isEqualTo(1000);
    }
  }

  @Test
  void vectorsWiderThanLucenesDefaultLimitAreIndexedAndFoundOnBothPaths() {
    // 1,152 dimensions, as SigLIP 2 gives: past the 1,024 Lucene's formats allow by default.
    int wide = 1152;
    ClipLikeVectors vectors = ClipLikeVectors.forLibrary(600, wide, 11);
    List<IndexedImage> library = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      library.add(
          new IndexedImage(
              ImageId.of(("wide-" + i).getBytes(StandardCharsets.UTF_8)),
              vectors.image(),
              images.get(i).metadata()));
    }
    float[] query = vectors.query();
    for (int below : new int[] {1000, 0}) {
      Path dir = baseDir.resolve("wide-" + below);
      LuceneIndexOptions options = LuceneIndexOptions.DEFAULTS.withExactScanBelow(below);
      try (LuceneVectorIndex index = LuceneVectorIndex.open(dir, "siglip", wide, options)) {
        index.upsert(library);
        index.mergeSegments();
      }
      try (LuceneVectorIndex reopened = LuceneVectorIndex.open(dir, "siglip", wide, options)) {
        assertThat(reopened.count()).isEqualTo(600);
        assertThat(ids(reopened.search(VectorQuery.topK(query, K))))
            .as("exact scan below %d", below)
            .filteredOn(exactTop(query, library, K)::contains)
            .hasSizeGreaterThanOrEqualTo(below > 0 ? K : 9);
      }
    }
  }

  @Test
  void badOptionsFailNamingTheSetting() {
    assertThatThrownBy(
            () ->
                new LuceneIndexOptions(
                    -1, VectorEncoding.INT7, 16, 100, 100, 2, 0, Duration.ZERO, 1))
        .hasMessageContaining("imagesearch.index.exact-scan-below");
    assertThatThrownBy(
            () ->
                new LuceneIndexOptions(
                    0, VectorEncoding.INT7, 16, 100, 100, 0.5, 0, Duration.ZERO, 1))
        .hasMessageContaining("imagesearch.index.oversample");
    assertThatThrownBy(
            () ->
                new LuceneIndexOptions(0, VectorEncoding.INT7, 1, 100, 100, 2, 0, Duration.ZERO, 1))
        .hasMessageContaining("imagesearch.index.max-connections");
    assertThatThrownBy(
            () ->
                new LuceneIndexOptions(
                    0, VectorEncoding.INT7, 16, 100, 100, 2, -1, Duration.ZERO, 1))
        .hasMessageContaining("imagesearch.index.rescore-per-result");
  }

  private LuceneVectorIndex open(LuceneIndexOptions options) {
    return LuceneVectorIndex.open(baseDir, "m", DIM, options);
  }

  private float[] vectorOf(ImageId id) {
    return images.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow().vector();
  }

  private List<IndexedImage> library() {
    List<IndexedImage> out = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      out.add(
          new IndexedImage(
              ImageId.of(("img-" + i).getBytes(StandardCharsets.UTF_8)),
              generator.image(),
              new ImageMetadata(
                  "img-" + i + ".jpg",
                  "image/jpeg",
                  64,
                  64,
                  Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i),
                  i % 500 == 0 ? Set.of(RARE) : Set.of(),
                  i,
                  Optional.empty())));
    }
    return out;
  }

  private static List<ImageId> exactTop(float[] query, List<IndexedImage> among, int k) {
    return among.stream()
        .sorted(
            Comparator.<IndexedImage>comparingDouble(i -> -VectorUtil.cosine(query, i.vector())))
        .limit(k)
        .map(IndexedImage::id)
        .toList();
  }

  private static List<ImageId> ids(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::id).toList();
  }
}
