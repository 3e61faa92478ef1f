package io.imagesearch.storage.local;

import static io.imagesearch.contract.TestImages.id;
import static io.imagesearch.contract.TestImages.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.contract.TestImages;
import io.imagesearch.contract.VectorIndexContract;
import io.imagesearch.contract.Vectors;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.LibraryEntry;
import io.imagesearch.core.search.LibraryQuery;
import io.imagesearch.core.search.SearchFilter;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneVectorIndexTest extends VectorIndexContract {

  private static final String MODEL = "openai/clip-vit-base-patch32";

  @TempDir Path baseDir;

  @Override
  protected VectorIndex newIndex(int dimension) {
    return LuceneVectorIndex.open(baseDir, MODEL, dimension);
  }

  @Override
  protected VectorIndex reopen(VectorIndex current) {
    int dimension = current.dimension();
    current.close();
    return LuceneVectorIndex.open(baseDir, MODEL, dimension);
  }

  /**
   * An index written before the library order had doc values of its own: opening it rewrites those
   * documents, so the library lists them, in order, with their vectors and metadata intact.
   */
  @Test
  void anIndexFromBeforeTheLibraryOrderIsListedInFullAfterItOpens() throws Exception {
    index.close();
    Path dir = baseDir.resolve(IndexDirectoryName.of(MODEL, DIMENSION));
    List<IndexedImage> images = new ArrayList<>();
    try (org.apache.lucene.store.Directory directory =
            org.apache.lucene.store.FSDirectory.open(dir);
        org.apache.lucene.index.IndexWriter writer =
            new org.apache.lucene.index.IndexWriter(
                directory, new org.apache.lucene.index.IndexWriterConfig())) {
      for (int n = 0; n < 25; n++) {
        IndexedImage image =
            image(
                n,
                Vectors.axis(DIMENSION, n % DIMENSION),
                TestImages.metadata()
                    .createdAt(TestImages.DEFAULT_CREATED_AT.plusSeconds(n))
                    .build());
        images.add(image);
        org.apache.lucene.document.Document old = ImageDocuments.toDocument(image);
        old.getFields().stream()
            .map(org.apache.lucene.index.IndexableField::name)
            .filter(name -> name.startsWith("order."))
            .distinct()
            .toList()
            .forEach(old::removeFields);
        writer.addDocument(old);
      }
      writer.commit();
    }

    index = LuceneVectorIndex.open(baseDir, MODEL, DIMENSION);

    List<LibraryEntry> listed =
        index.newest(new LibraryQuery(SearchFilter.NONE, 100, java.util.Optional.empty()));
    assertThat(listed)
        .extracting(LibraryEntry::id)
        .containsExactlyElementsOf(images.reversed().stream().map(IndexedImage::id).toList());
    assertThat(index.count()).isEqualTo(25);
    assertThat(index.get(id(7)).orElseThrow().vector()).containsExactly(Vectors.axis(DIMENSION, 7));
    assertThat(index.get(id(7)).orElseThrow().metadata()).isEqualTo(images.get(7).metadata());
  }

  @Test
  void eachModelAndDimensionHasItsOwnIndex() {
    index.upsert(List.of(image(1, Vectors.axis(DIMENSION, 0))));

    try (VectorIndex otherModel = LuceneVectorIndex.open(baseDir, "other-model", DIMENSION);
        VectorIndex otherDimension = LuceneVectorIndex.open(baseDir, MODEL, 4)) {
      otherModel.upsert(List.of(image(2, Vectors.axis(DIMENSION, 1))));
      otherDimension.upsert(List.of(image(3, Vectors.axis(4, 1))));

      assertThat(index.get(id(1))).isPresent();
      assertThat(index.count()).isEqualTo(1);
      assertThat(otherModel.get(id(1))).isEmpty();
      assertThat(otherModel.count()).isEqualTo(1);
      assertThat(otherDimension.count()).isEqualTo(1);
      assertThat(otherDimension.dimension()).isEqualTo(4);
    }
    assertThat(baseDir)
        .isDirectoryContaining(p -> p.getFileName().toString().endsWith("-d" + DIMENSION))
        .isDirectoryContaining(p -> p.getFileName().toString().equals("other-model-d8"))
        .isDirectoryContaining(p -> p.getFileName().toString().endsWith("-d4"));
  }

  @Test
  void directoryNamesAreSafeAndDistinct() {
    assertThat(IndexDirectoryName.of("clip-vit-b-32", 512)).isEqualTo("clip-vit-b-32-d512");
    assertThat(IndexDirectoryName.of("openai/clip", 512)).matches("openai-clip-[0-9a-f]{8}-d512");
    assertThat(IndexDirectoryName.of("openai/clip", 512))
        .isNotEqualTo(IndexDirectoryName.of("openai-clip", 512))
        .isNotEqualTo(IndexDirectoryName.of("OpenAI/CLIP", 512));
    assertThat(IndexDirectoryName.of("../../etc", 8)).matches("etc-[0-9a-f]{8}-d8");
    assertThat(IndexDirectoryName.of("x".repeat(500), 8)).hasSizeLessThan(100);
    assertThatThrownBy(() -> IndexDirectoryName.of(" ", 8))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anIndexDirectoryOfAnotherDimensionIsRefused() throws Exception {
    Path dir = baseDir.resolve("plain");
    try (VectorIndex eight = new LuceneVectorIndex(dir, 8)) {
      eight.upsert(List.of(image(1, Vectors.axis(8, 0))));
    }

    assertThatThrownBy(() -> new LuceneVectorIndex(dir, 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimension 8, not 16");
    try (VectorIndex again = new LuceneVectorIndex(dir, 8)) {
      assertThat(again.count()).isEqualTo(1); // the refused open left the index usable
    }
  }

  @Test
  void zeroAndNonFiniteVectorsAreRefused() {
    float[] nan = Vectors.axis(DIMENSION, 0);
    nan[3] = Float.NaN;

    assertThatThrownBy(() -> index.upsert(List.of(image(1, new float[DIMENSION]))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("all zeros");
    assertThatThrownBy(() -> index.upsert(List.of(image(1, nan))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-finite");
    assertThatThrownBy(() -> index.search(VectorQuery.topK(new float[DIMENSION], 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dimensionsBeyondTheIndexLimitAreRefusedUpFront() {
    assertThatThrownBy(() -> LuceneVectorIndex.open(baseDir, MODEL, 4097))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 1 and 4096");
  }

  @Test
  void concurrentWritersAndReadersSeeConsistentCounts() throws Exception {
    int writers = 4;
    int perWriter = 10;
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int w = 0; w < writers; w++) {
      int base = w * perWriter;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      Random random = new Random(base);
                      for (int n = base; n < base + perWriter; n++) {
                        index.upsert(List.of(image(n, Vectors.random(random, DIMENSION))));
                        assertThat(index.search(VectorQuery.topK(Vectors.axis(DIMENSION, 0), 3)))
                            .isNotEmpty();
                      }
                    } catch (Throwable t) {
                      failures.add(t);
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }

    assertThat(failures).isEmpty();
    assertThat(index.count()).isEqualTo(writers * perWriter);
  }

  /** HNSW is approximate; on hard data (uniform random directions) it must still find ~all. */
  @Test
  void recallAtTenAgainstExactSearchIsAtLeast95Percent() throws Exception {
    int dimension = 64;
    Random random = new Random(2024);
    Map<ImageId, float[]> vectors = new HashMap<>();
    List<IndexedImage> images = new ArrayList<>();
    for (int n = 0; n < 5_000; n++) {
      float[] v = Vectors.random(random, dimension);
      vectors.put(id(n), v);
      images.add(image(n, v));
    }
    try (VectorIndex big = LuceneVectorIndex.open(baseDir, "recall", dimension)) {
      for (int from = 0; from < images.size(); from += 1_000) {
        big.upsert(images.subList(from, from + 1_000));
      }

      int found = 0;
      int queries = 50;
      for (int q = 0; q < queries; q++) {
        float[] query = Vectors.random(random, dimension);
        Set<ImageId> exact = new HashSet<>(Vectors.exactTopK(vectors, query, 10));
        for (SearchHit hit : big.search(VectorQuery.topK(query, 10))) {
          found += exact.contains(hit.id()) ? 1 : 0;
        }
      }

      double recall = found / (queries * 10.0);
      assertThat(recall).as("recall@10").isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void indexFilesLiveInTheModelDirectory() throws Exception {
    index.upsert(List.of(image(1, Vectors.axis(DIMENSION, 0))));

    Path dir = baseDir.resolve(IndexDirectoryName.of(MODEL, DIMENSION));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("segments_"));
    }
  }
}
