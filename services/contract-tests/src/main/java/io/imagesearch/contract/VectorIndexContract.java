package io.imagesearch.contract;

import static io.imagesearch.contract.TestImages.id;
import static io.imagesearch.contract.TestImages.image;
import static io.imagesearch.contract.TestImages.metadata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.image.ImageMetadata;
import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.core.search.IdSample;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.KeywordQuery;
import io.imagesearch.core.search.KeywordTerms;
import io.imagesearch.core.search.LibraryEntry;
import io.imagesearch.core.search.LibraryPosition;
import io.imagesearch.core.search.LibraryQuery;
import io.imagesearch.core.search.SearchFilter;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VectorIndex} adapter guarantees. An adapter's test extends this class, supplies
 * an empty index per test and knows how to reopen it over the same storage.
 */
public abstract class VectorIndexContract {

  protected static final int DIMENSION = 8;
  private static final float SCORE_TOLERANCE = 1e-4f;

  protected VectorIndex index;

  /** An empty index of {@code dimension}, on storage of its own, fresh for each test. */
  protected abstract VectorIndex newIndex(int dimension) throws Exception;

  /** Closes {@code current} and opens the same index again, as a process restart would. */
  protected abstract VectorIndex reopen(VectorIndex current) throws Exception;

  @BeforeEach
  void createIndex() throws Exception {
    index = newIndex(DIMENSION);
  }

  @AfterEach
  void closeIndex() {
    if (index != null) {
      index.close();
    }
  }

  @Test
  void reportsItsDimension() {
    assertThat(index.dimension()).isEqualTo(DIMENSION);
  }

  @Test
  void emptyIndexHasNothing() {
    assertThat(index.count()).isZero();
    assertThat(index.get(id(1))).isEmpty();
    assertThat(index.search(VectorQuery.topK(Vectors.axis(DIMENSION, 0), 5))).isEmpty();
    assertThat(index.delete(id(1))).isFalse();
  }

  @Test
  void getReturnsVectorAndEveryMetadataField() {
    float[] vector = {0.5f, -2f, 3.25f, 0f, 1e-3f, 7f, -0.125f, 4f};
    ImageMetadata full =
        metadata()
            .fileName("Beach at dusk.HEIC")
            .mimeType("image/heic")
            .size(4032, 3024)
            .createdAt(Instant.parse("2019-07-14T18:03:27.123456789Z"))
            .tags("beach", "sunset")
            .perceptualHash(-0x7edc_ba98_7654_3211L)
            .camera("Apple iPhone 11 Pro")
            .build();
    ImageMetadata bare = metadata().fileName("x.png").mimeType("image/png").build();

    index.upsert(List.of(image(1, vector, full), image(2, Vectors.axis(DIMENSION, 1), bare)));

    assertThat(index.count()).isEqualTo(2);
    IndexedImage got = index.get(id(1)).orElseThrow();
    assertThat(got.id()).isEqualTo(id(1));
    assertThat(got.vector()).containsExactly(vector);
    assertThat(got.metadata()).isEqualTo(full);
    assertThat(index.get(id(2)).orElseThrow().metadata()).isEqualTo(bare);
  }

  @Test
  void upsertReplacesTheEntryWithTheSameId() {
    index.upsert(List.of(image(1, Vectors.axis(DIMENSION, 0)), image(2, axisMix(1, 2))));
    ImageMetadata renamed = metadata().fileName("renamed.jpg").tags("new").build();

    index.upsert(List.of(image(1, Vectors.axis(DIMENSION, 3), renamed)));

    assertThat(index.count()).isEqualTo(2);
    IndexedImage got = index.get(id(1)).orElseThrow();
    assertThat(got.vector()).containsExactly(Vectors.axis(DIMENSION, 3));
    assertThat(got.metadata()).isEqualTo(renamed);
    List<SearchHit> hits = index.search(VectorQuery.topK(Vectors.axis(DIMENSION, 0), 10));
    assertThat(hits).extracting(SearchHit::id).containsOnlyOnce(id(1));
    assertThat(hits.stream().filter(h -> h.id().equals(id(1))).findFirst().orElseThrow().score())
        .isCloseTo(0f, within(SCORE_TOLERANCE));
  }

  @Test
  void deleteRemovesTheEntryOnce() {
    index.upsert(List.of(image(1, Vectors.axis(DIMENSION, 0)), image(2, axisMix(0, 1))));

    assertThat(index.delete(id(1))).isTrue();

    assertThat(index.delete(id(1))).isFalse();
    assertThat(index.count()).isEqualTo(1);
    assertThat(index.get(id(1))).isEmpty();
    assertThat(index.search(VectorQuery.topK(Vectors.axis(DIMENSION, 0), 10)))
        .extracting(SearchHit::id)
        .containsExactly(id(2));
  }

  /** Small enough that an approximate index is exact too, so the order can be checked fully. */
  @Test
  void hitsComeBestFirstWithTheirTrueCosine() {
    Random random = new Random(11);
    Map<ImageId, float[]> vectors = new LinkedHashMap<>();
    List<IndexedImage> images = new ArrayList<>();
    for (int n = 0; n < 30; n++) {
      // Norms vary on purpose: the score must be the cosine, not a dot product.
      float[] v = Vectors.scale(Vectors.random(random, DIMENSION), 0.1f + n);
      vectors.put(id(n), v);
      images.add(image(n, v));
    }
    index.upsert(images);
    float[] query = Vectors.scale(Vectors.random(random, DIMENSION), 13f);

    List<SearchHit> hits = index.search(VectorQuery.topK(query, 10));

    assertThat(hits).extracting(SearchHit::id).isEqualTo(Vectors.exactTopK(vectors, query, 10));
    for (SearchHit hit : hits) {
      assertThat((double) hit.score())
          .as("score of %s", hit.id())
          .isBetween(-1.0, 1.0)
          .isCloseTo(Vectors.cosine(vectors.get(hit.id()), query), within(1e-4));
    }
    assertThat(hits.getFirst().metadata().fileName())
        .isEqualTo(index.get(hits.getFirst().id()).orElseThrow().metadata().fileName());
  }

  @Test
  void scoresSpanMinusOneToOne() {
    float[] x = Vectors.axis(DIMENSION, 0);
    index.upsert(
        List.of(
            image(1, Vectors.scale(x, 3f)),
            image(2, Vectors.axis(DIMENSION, 1)),
            image(3, Vectors.scale(x, -0.5f))));

    List<SearchHit> hits = index.search(VectorQuery.topK(Vectors.scale(x, 0.25f), 3));

    assertThat(hits).extracting(SearchHit::id).containsExactly(id(1), id(2), id(3));
    assertThat(hits.get(0).score()).isCloseTo(1f, within(SCORE_TOLERANCE));
    assertThat(hits.get(1).score()).isCloseTo(0f, within(SCORE_TOLERANCE));
    assertThat(hits.get(2).score()).isCloseTo(-1f, within(SCORE_TOLERANCE));
  }

  @Test
  void limitAndOffsetPageThroughTheRanking() {
    index.upsert(rankedAlongAxisZero(10));
    float[] query = Vectors.axis(DIMENSION, 0);

    List<SearchHit> first = index.search(page(query, 3, 0));
    List<SearchHit> second = index.search(page(query, 3, 3));
    List<SearchHit> last = index.search(page(query, 3, 9));
    List<SearchHit> beyond = index.search(page(query, 3, 10));

    assertThat(first).extracting(SearchHit::id).containsExactly(id(0), id(1), id(2));
    assertThat(second).extracting(SearchHit::id).containsExactly(id(3), id(4), id(5));
    assertThat(last).extracting(SearchHit::id).containsExactly(id(9));
    assertThat(beyond).isEmpty();
  }

  @Test
  void minScoreDropsWeakerHits() {
    index.upsert(rankedAlongAxisZero(10));
    float[] query = Vectors.axis(DIMENSION, 0);
    float threshold = (float) Vectors.cosine(rankedVector(3), query);

    List<SearchHit> hits =
        index.search(new VectorQuery(query, 10, 0, SearchFilter.NONE, threshold - 1e-3f));

    assertThat(hits).extracting(SearchHit::id).containsExactly(id(0), id(1), id(2), id(3));
  }

  @Test
  void createdAtFilterIncludesFromAndExcludesTo() {
    Instant t = Instant.parse("2023-03-01T00:00:00Z");
    index.upsert(
        List.of(
            image(1, axisMix(0, 1), metadata().createdAt(t.minusNanos(1)).build()),
            image(2, axisMix(0, 2), metadata().createdAt(t).build()),
            image(3, axisMix(0, 3), metadata().createdAt(t.plusSeconds(3600)).build()),
            image(4, axisMix(0, 4), metadata().createdAt(t.plusSeconds(7200)).build())));
    SearchFilter window =
        new SearchFilter(Optional.of(t), Optional.of(t.plusSeconds(7200)), Set.of(), Set.of());
    SearchFilter onlyFrom = new SearchFilter(Optional.of(t), Optional.empty(), Set.of(), Set.of());
    SearchFilter onlyTo = new SearchFilter(Optional.empty(), Optional.of(t), Set.of(), Set.of());

    assertThat(ids(filtered(window))).containsExactlyInAnyOrder(id(2), id(3));
    assertThat(ids(filtered(onlyFrom))).containsExactlyInAnyOrder(id(2), id(3), id(4));
    assertThat(ids(filtered(onlyTo))).containsExactly(id(1));
  }

  @Test
  void mimeTypeFilterMatchesAnyOfTheTypes() {
    index.upsert(
        List.of(
            image(1, axisMix(0, 1), metadata().mimeType("image/jpeg").build()),
            image(2, axisMix(0, 2), metadata().mimeType("image/png").build()),
            image(3, axisMix(0, 3), metadata().mimeType("image/webp").build())));
    SearchFilter filter =
        new SearchFilter(
            Optional.empty(), Optional.empty(), Set.of("image/png", "image/webp"), Set.of());

    assertThat(ids(filtered(filter))).containsExactlyInAnyOrder(id(2), id(3));
  }

  @Test
  void tagFilterRequiresAllTheTags() {
    index.upsert(
        List.of(
            image(1, axisMix(0, 1), metadata().tags("cat").build()),
            image(2, axisMix(0, 2), metadata().tags("cat", "dog").build()),
            image(3, axisMix(0, 3), metadata().tags("cat", "dog", "bird").build()),
            image(4, axisMix(0, 4), metadata().tags("dog").build())));
    SearchFilter filter =
        new SearchFilter(Optional.empty(), Optional.empty(), Set.of(), Set.of("cat", "dog"));

    assertThat(ids(filtered(filter))).containsExactlyInAnyOrder(id(2), id(3));
  }

  @Test
  void filtersCombineWithAnd() {
    Instant t = Instant.parse("2022-01-01T00:00:00Z");
    index.upsert(
        List.of(
            image(
                1, axisMix(0, 1), metadata().mimeType("image/png").tags("a").createdAt(t).build()),
            image(
                2, axisMix(0, 2), metadata().mimeType("image/jpeg").tags("a").createdAt(t).build()),
            image(
                3, axisMix(0, 3), metadata().mimeType("image/png").tags("b").createdAt(t).build()),
            image(
                4,
                axisMix(0, 4),
                metadata().mimeType("image/png").tags("a").createdAt(t.minusSeconds(1)).build())));
    SearchFilter filter =
        new SearchFilter(Optional.of(t), Optional.empty(), Set.of("image/png"), Set.of("a"));

    assertThat(ids(filtered(filter))).containsExactly(id(1));
  }

  /**
   * The filter applies inside the search: the few matching entries come back even when hundreds of
   * closer ones do not match, which filtering the unfiltered top-k afterwards would miss.
   */
  @Test
  void rareMatchesFarFromTheQueryAreStillFound() {
    Random random = new Random(5);
    List<IndexedImage> images = new ArrayList<>();
    float[] query = Vectors.axis(DIMENSION, 0);
    for (int n = 0; n < 300; n++) {
      float[] near = Vectors.random(random, DIMENSION);
      near[0] = 20f + Math.abs(near[0]);
      images.add(image(n, near));
    }
    for (int n = 300; n < 305; n++) {
      float[] far = Vectors.random(random, DIMENSION);
      far[0] = -20f - Math.abs(far[0]);
      images.add(image(n, far, metadata().tags("rare").build()));
    }
    index.upsert(images);
    SearchFilter rare =
        new SearchFilter(Optional.empty(), Optional.empty(), Set.of(), Set.of("rare"));

    List<SearchHit> hits = index.search(new VectorQuery(query, 5, 0, rare, -1f));

    assertThat(hits)
        .extracting(SearchHit::id)
        .containsExactlyInAnyOrder(id(300), id(301), id(302), id(303), id(304));
  }

  @Test
  void upsertOfAWrongDimensionIsRejectedAndStoresNothing() {
    List<IndexedImage> batch =
        List.of(image(1, Vectors.axis(DIMENSION, 0)), image(2, new float[3]));

    assertThatThrownBy(() -> index.upsert(batch))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimension")
        .hasMessageContaining(String.valueOf(DIMENSION))
        .hasMessageContaining("3");
    assertThat(index.count()).isZero();
  }

  @Test
  void queryOfAWrongDimensionIsRejected() {
    index.upsert(List.of(image(1, Vectors.axis(DIMENSION, 0))));

    assertThatThrownBy(() -> index.search(VectorQuery.topK(new float[DIMENSION + 1], 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimension")
        .hasMessageContaining(String.valueOf(DIMENSION))
        .hasMessageContaining(String.valueOf(DIMENSION + 1));
  }

  @Test
  void everythingSurvivesAReopen() throws Exception {
    ImageMetadata tagged = metadata().tags("kept").camera("Fujifilm X100V").build();
    index.upsert(
        List.of(
            image(1, Vectors.axis(DIMENSION, 0), tagged),
            image(2, axisMix(0, 1)),
            image(3, Vectors.axis(DIMENSION, 2))));
    index.delete(id(3));

    index = reopen(index);

    assertThat(index.dimension()).isEqualTo(DIMENSION);
    assertThat(index.count()).isEqualTo(2);
    assertThat(index.get(id(1)).orElseThrow().metadata()).isEqualTo(tagged);
    assertThat(index.get(id(3))).isEmpty();
    assertThat(index.search(VectorQuery.topK(Vectors.axis(DIMENSION, 0), 5)))
        .extracting(SearchHit::id)
        .containsExactly(id(1), id(2));
  }

  /**
   * The library lists every entry once, newest first and by id within an instant (nanoseconds
   * count), page after page from the last entry of the page before.
   */
  @Test
  void newestListsEveryEntryNewestFirstPageAfterPage() {
    Instant t = Instant.parse("2021-06-01T10:00:00Z");
    Random random = new Random(3);
    List<IndexedImage> images = new ArrayList<>();
    for (int n = 0; n < 40; n++) {
      // Several entries share an instant, others differ by a nanosecond or by centuries.
      Instant created =
          switch (n % 4) {
            case 0 -> t;
            case 1 -> t.plusNanos(n);
            case 2 -> t.minusSeconds(86_400L * 365 * 300 + n);
            default -> t.plusSeconds(n * 3600L);
          };
      images.add(
          image(n, Vectors.random(random, DIMENSION), metadata().createdAt(created).build()));
    }
    index.upsert(images);
    List<ImageId> expected =
        images.stream()
            .map(i -> new LibraryPosition(i.metadata().createdAt(), i.id()))
            .sorted(LibraryPosition.NEWEST_FIRST)
            .map(LibraryPosition::id)
            .toList();

    List<ImageId> listed = new ArrayList<>();
    Optional<LibraryPosition> after = Optional.empty();
    for (int page = 0; page < 10; page++) {
      List<LibraryEntry> entries = index.newest(new LibraryQuery(SearchFilter.NONE, 7, after));
      if (entries.isEmpty()) {
        break;
      }
      entries.forEach(e -> listed.add(e.id()));
      after = Optional.of(entries.getLast().position());
    }

    assertThat(listed).isEqualTo(expected);
    LibraryEntry first =
        index.newest(new LibraryQuery(SearchFilter.NONE, 1, Optional.empty())).getFirst();
    assertThat(first.metadata()).isEqualTo(index.get(first.id()).orElseThrow().metadata());
  }

  @Test
  void newestAndCountApplyTheFilter() {
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    index.upsert(
        List.of(
            image(1, axisMix(0, 1), metadata().tags("trip").createdAt(t).build()),
            image(2, axisMix(0, 2), metadata().tags("trip").createdAt(t.plusSeconds(60)).build()),
            image(3, axisMix(0, 3), metadata().createdAt(t.plusSeconds(120)).build()),
            image(
                4, axisMix(0, 4), metadata().tags("trip").createdAt(t.plusSeconds(180)).build())));
    SearchFilter trip =
        new SearchFilter(Optional.empty(), Optional.empty(), Set.of(), Set.of("trip"));
    SearchFilter tripBefore =
        new SearchFilter(
            Optional.empty(), Optional.of(t.plusSeconds(180)), Set.of(), Set.of("trip"));

    assertThat(index.newest(new LibraryQuery(trip, 10, Optional.empty())))
        .extracting(LibraryEntry::id)
        .containsExactly(id(4), id(2), id(1));
    assertThat(index.newest(new LibraryQuery(tripBefore, 10, Optional.empty())))
        .extracting(LibraryEntry::id)
        .containsExactly(id(2), id(1));
    assertThat(index.count(trip)).isEqualTo(3);
    assertThat(index.count(tripBefore)).isEqualTo(2);
    assertThat(index.count(SearchFilter.NONE)).isEqualTo(4);
  }

  @Test
  void newestOfAnEmptyIndexOrPastTheEndIsEmpty() {
    assertThat(index.newest(new LibraryQuery(SearchFilter.NONE, 5, Optional.empty()))).isEmpty();
    index.upsert(List.of(image(1, Vectors.axis(DIMENSION, 0))));
    LibraryPosition only = new LibraryPosition(TestImages.DEFAULT_CREATED_AT, id(1));

    assertThat(index.newest(new LibraryQuery(SearchFilter.NONE, 5, Optional.of(only)))).isEmpty();
  }

  @Test
  void wordsOfTheFileNameTagsAndCameraFindAnImageWhateverItsVector() {
    index.upsert(
        List.of(
            image(
                1,
                Vectors.axis(DIMENSION, 0),
                metadata().fileName("IMG_0042-grandmaBirthday.jpg").build()),
            image(
                2,
                Vectors.axis(DIMENSION, 1),
                metadata().fileName("dsc01.jpg").tags("holiday", "new-york").build()),
            image(
                3,
                Vectors.axis(DIMENSION, 2),
                metadata().fileName("dsc02.jpg").camera("FUJIFILM X100V").build()),
            image(4, Vectors.axis(DIMENSION, 3), metadata().fileName("dsc03.jpg").build())));

    assertThat(ids(words("birthday"))).containsExactly(id(1));
    assertThat(ids(words("Grandma's birthday party"))).containsExactly(id(1));
    assertThat(ids(words("york"))).containsExactly(id(2));
    assertThat(ids(words("fujifilm"))).containsExactly(id(3));
    assertThat(ids(words("x100v"))).containsExactly(id(3));
    assertThat(words("sunset")).isEmpty();
    assertThat(words("the of")).isEmpty();
  }

  /**
   * BM25: more of the query's words, and rarer ones, rank higher; the hits carry their metadata.
   */
  @Test
  void wordMatchesComeBestFirstWithPositiveScores() {
    index.upsert(
        List.of(
            image(1, Vectors.axis(DIMENSION, 0), metadata().fileName("beach.jpg").build()),
            image(2, Vectors.axis(DIMENSION, 1), metadata().fileName("beach_sunset.jpg").build()),
            image(3, Vectors.axis(DIMENSION, 2), metadata().fileName("beach_party.jpg").build()),
            image(4, Vectors.axis(DIMENSION, 3), metadata().fileName("city.jpg").build())));

    List<SearchHit> hits = words("sunset beach");

    assertThat(hits.getFirst().id()).isEqualTo(id(2));
    assertThat(ids(hits)).containsExactlyInAnyOrder(id(1), id(2), id(3));
    assertThat(hits).allSatisfy(hit -> assertThat(hit.score()).isPositive());
    assertThat(hits).extracting(SearchHit::score).isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(hits.getFirst().metadata().fileName()).isEqualTo("beach_sunset.jpg");
  }

  @Test
  void wordSearchesKeepTheLimitAndTheFilter() {
    List<IndexedImage> images = new ArrayList<>();
    for (int n = 0; n < 6; n++) {
      images.add(
          image(
              n,
              Vectors.axis(DIMENSION, n % DIMENSION),
              metadata()
                  .fileName("party-" + n + ".png")
                  .mimeType(n < 2 ? "image/png" : "image/jpeg")
                  .build()));
    }
    index.upsert(images);
    SearchFilter png =
        new SearchFilter(Optional.empty(), Optional.empty(), Set.of("image/png"), Set.of());

    assertThat(index.searchWords(new KeywordQuery(List.of("party"), 4, SearchFilter.NONE)))
        .hasSize(4);
    assertThat(ids(index.searchWords(new KeywordQuery(List.of("party"), 10, png))))
        .containsExactlyInAnyOrder(id(0), id(1));
    assertThat(index.searchWords(new KeywordQuery(List.of(), 10, SearchFilter.NONE))).isEmpty();
  }

  @Test
  void wordsFollowUpsertsAndDeletesAndSurviveAReopen() throws Exception {
    index.upsert(
        List.of(image(1, Vectors.axis(DIMENSION, 0), metadata().fileName("old-name.jpg").build())));
    index.upsert(
        List.of(image(1, Vectors.axis(DIMENSION, 0), metadata().fileName("new-name.jpg").build())));
    index.upsert(
        List.of(image(2, Vectors.axis(DIMENSION, 1), metadata().fileName("gone.jpg").build())));
    index.delete(id(2));

    index = reopen(index);

    assertThat(words("old")).isEmpty();
    assertThat(ids(words("new"))).containsExactly(id(1));
    assertThat(words("gone")).isEmpty();
  }

  @Test
  void aSmallIndexIsSampledWhole() {
    assertThat(index.sampleVectors(10)).isEmpty();
    index.upsert(rankedAlongAxisZero(5));

    assertThat(index.sampleVectors(10))
        .hasSize(5)
        .allSatisfy(v -> assertThat(v).hasSize(DIMENSION));
  }

  /** The entries with the lowest ids: about n of them, the same ones every time. */
  @Test
  void aLargerIndexGivesAboutNStoredVectorsTheSameEachTime() {
    Random random = new Random(3);
    List<IndexedImage> images = new ArrayList<>();
    for (int n = 0; n < 400; n++) {
      images.add(image(n, Vectors.random(random, DIMENSION)));
    }
    index.upsert(images);
    Set<String> stored =
        images.stream().map(i -> Arrays.toString(i.vector())).collect(Collectors.toSet());
    String bound = IdSample.upperBound(400, 100).orElseThrow();
    long expected = images.stream().filter(i -> i.id().hex().compareTo(bound) < 0).count();

    List<float[]> sample = index.sampleVectors(100);

    assertThat(sample).hasSize((int) expected);
    assertThat(sample.size()).isBetween(50, 200);
    assertThat(sample).allSatisfy(v -> assertThat(stored).contains(Arrays.toString(v)));
    assertThat(index.sampleVectors(100).stream().map(Arrays::toString).sorted().toList())
        .isEqualTo(sample.stream().map(Arrays::toString).sorted().toList());
  }

  /** Entry {@code n} of {@link #rankedAlongAxisZero}: the angle to axis 0 grows with n. */
  protected static float[] rankedVector(int n) {
    float[] v = Vectors.axis(DIMENSION, 0);
    v[1] = 0.1f * n;
    return v;
  }

  /** {@code count} entries whose cosine to axis 0 strictly falls with their number. */
  protected static List<IndexedImage> rankedAlongAxisZero(int count) {
    List<IndexedImage> images = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      images.add(image(n, rankedVector(n)));
    }
    return images;
  }

  /** A vector mostly along {@code main} with a little of {@code other}, to tell entries apart. */
  private static float[] axisMix(int main, int other) {
    float[] v = Vectors.axis(DIMENSION, main);
    v[other] += 0.3f;
    return v;
  }

  private static VectorQuery page(float[] query, int limit, int offset) {
    return new VectorQuery(query, limit, offset, SearchFilter.NONE, -1f);
  }

  private List<SearchHit> filtered(SearchFilter filter) {
    return index.search(new VectorQuery(Vectors.axis(DIMENSION, 0), 100, 0, filter, -1f));
  }

  private List<SearchHit> words(String text) {
    return index.searchWords(new KeywordQuery(KeywordTerms.ofQuery(text), 10, SearchFilter.NONE));
  }

  private static List<ImageId> ids(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::id).toList();
  }
}
