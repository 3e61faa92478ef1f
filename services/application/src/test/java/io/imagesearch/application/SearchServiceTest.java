package io.imagesearch.application;

import static java.util.Comparator.reverseOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.image.ImageMetadata;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.SearchFilter;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.imaging.ImageRejectedException;
import io.imagesearch.storage.local.FilesystemObjectStore;
import io.imagesearch.storage.local.LuceneVectorIndex;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search use cases on the real embedded index and store, with the colour "embedder". */
class SearchServiceTest {

  private static final long HASH = 0x0123_4567_89AB_CDEFL;
  private static final Instant MAY = Instant.parse("2024-05-10T00:00:00Z");
  private static final Instant JUNE = Instant.parse("2024-06-10T00:00:00Z");

  // Vectors as the colour embedder makes them: "red" and "crimson" are close.
  private static final ImageId RED = ImageId.of("red".getBytes());
  private static final ImageId CRIMSON = ImageId.of("crimson".getBytes());
  private static final ImageId GREEN = ImageId.of("green".getBytes());
  private static final ImageId BLUE = ImageId.of("blue".getBytes());

  @TempDir Path dir;
  private LuceneVectorIndex index;
  private FilesystemObjectStore objects;
  private SearchService search;

  @BeforeEach
  void indexFourColours() {
    index = LuceneVectorIndex.open(dir.resolve("index"), "colour-test", 3);
    objects = new FilesystemObjectStore(dir.resolve("objects"));
    search =
        new SearchService(
            ModelSlot.of(new ColourEmbedder(), index),
            objects,
            new ImageDecoder(DecoderLimits.DEFAULT));
    index.upsert(
        List.of(
            entry(RED, new float[] {1, 0, 0}, "image/png", MAY, Set.of("warm"), HASH),
            entry(
                CRIMSON,
                new float[] {0.9f, 0.1f, 0.1f},
                "image/jpeg",
                JUNE,
                Set.of("warm"),
                HASH ^ 0b11),
            entry(GREEN, new float[] {0.2f, 1, 0}, "image/png", JUNE, Set.of("cold"), HASH ^ 0b1),
            entry(BLUE, new float[] {0, 0, 1}, "image/jpeg", MAY, Set.of("cold"), ~HASH)));
  }

  @AfterEach
  void close() {
    index.close();
  }

  @Test
  void aTextFindsTheImagesOfItsColourBestFirst() {
    assertThat(ids(search.byText("  something red  ", SearchRequest.firstPage(2))))
        .containsExactly(RED, CRIMSON);
  }

  @Test
  void anEmptyTextIsRefused() {
    assertThatThrownBy(() -> search.byText("  ", SearchRequest.firstPage(5)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> search.byText(null, SearchRequest.firstPage(5)))
        .isInstanceOf(InvalidRequestException.class);
  }

  /** The model reads only the start of a text anyway: a long one is cut, not refused. */
  @Test
  void aTextBeyondTheLimitIsReadUpToItInsteadOfRefused() {
    String redAfterTheLimit = "x".repeat(SearchService.MAX_QUERY_LENGTH) + " red";

    assertThat(ids(search.byText(redAfterTheLimit, SearchRequest.firstPage(1))))
        .containsExactly(BLUE);
    assertThat(ids(search.byText("red " + "x".repeat(10_000), SearchRequest.firstPage(1))))
        .containsExactly(RED);
    assertThat(search.byText("r".repeat(1001), SearchRequest.firstPage(5))).hasSize(4);
  }

  @Test
  void keywordModeFindsImagesByTheirWordsOnly() {
    SearchResult warm = search.byText("warm", SearchMode.KEYWORD, SearchRequest.firstPage(10));

    assertThat(ids(warm.hits())).containsExactlyInAnyOrder(RED, CRIMSON);
    assertThat(warm.relevantCount()).hasValue(2);
    assertThat(warm.cutoff()).isEmpty();
    assertThat(search.byText("purple", SearchMode.KEYWORD, SearchRequest.firstPage(10)).hits())
        .isEmpty();
  }

  /** Blue by meaning, warm by words: the one image near the top of both leads. */
  @Test
  void hybridModeFusesTheMeaningAndTheWordsOfTheText() {
    SearchResult both =
        search.byText("something blue, warm", SearchMode.HYBRID, SearchRequest.firstPage(10));
    SearchResult meaning =
        search.byText("something blue, warm", SearchMode.SEMANTIC, SearchRequest.firstPage(10));

    assertThat(ids(meaning.hits())).containsExactly(BLUE, CRIMSON, GREEN, RED);
    assertThat(ids(both.hits()).getFirst()).isEqualTo(CRIMSON);
    assertThat(ids(both.hits())).containsExactlyInAnyOrder(RED, CRIMSON, GREEN, BLUE);
    assertThat(both.relevantCount()).hasValue(4);
    assertThat(both.hits()).extracting(SearchHit::score).isSortedAccordingTo(reverseOrder());
  }

  @Test
  void dateOrderSortsTheRelevantHitsNewestOrOldestFirstAndPagesThem() {
    assertThat(ids(byDate(ResultOrder.NEWEST_FIRST, 10, 0)))
        .containsExactly(CRIMSON, GREEN, RED, BLUE);
    assertThat(ids(byDate(ResultOrder.OLDEST_FIRST, 10, 0)))
        .containsExactly(RED, BLUE, CRIMSON, GREEN);
    assertThat(ids(byDate(ResultOrder.NEWEST_FIRST, 2, 1))).containsExactly(GREEN, RED);
  }

  @Test
  void aFixedMinimumScoreIsTheCutoffOfTheRelevantSet() {
    SearchResult result =
        search.byText(
            "red",
            SearchMode.SEMANTIC,
            new SearchRequest(
                1, 0, SearchFilter.NONE, MinScore.atLeast(0.9f), ResultOrder.NEWEST_FIRST));

    assertThat(ids(result.hits())).containsExactly(CRIMSON);
    assertThat(result.relevantCount()).hasValue(2);
    assertThat(result.cutoff()).hasValue(0.9f);
  }

  /** Four images give no spread to measure a query against: every hit is relevant. */
  @Test
  void anAutomaticCutoffNeedsALibraryToMeasureAgainst() {
    SearchResult result =
        search.byText(
            "red",
            SearchMode.SEMANTIC,
            new SearchRequest(10, 0, SearchFilter.NONE, MinScore.AUTO, ResultOrder.RELEVANCE));

    assertThat(result.cutoff()).isEmpty();
    assertThat(result.relevantCount()).hasValue(4);
  }

  private List<SearchHit> byDate(ResultOrder order, int limit, int offset) {
    return search
        .byText(
            "red",
            SearchMode.SEMANTIC,
            new SearchRequest(limit, offset, SearchFilter.NONE, MinScore.NONE, order))
        .hits();
  }

  @Test
  void limitAndOffsetPageThroughTheRanking() {
    List<ImageId> all = ids(search.byText("red", SearchRequest.firstPage(4)));

    assertThat(ids(search.byText("red", request(2, 1, SearchFilter.NONE, -1))))
        .containsExactlyElementsOf(all.subList(1, 3));
    assertThat(search.byText("red", request(2, 4, SearchFilter.NONE, -1))).isEmpty();
  }

  @Test
  void theMinimumScoreDropsWeakerHits() {
    List<SearchHit> hits = search.byText("red", request(10, 0, SearchFilter.NONE, 0.9f));

    assertThat(ids(hits)).containsExactly(RED, CRIMSON);
    assertThat(hits).allSatisfy(hit -> assertThat(hit.score()).isGreaterThanOrEqualTo(0.9f));
  }

  @Test
  void filtersKeepOnlyMatchingImages() {
    assertThat(ids(search.byText("red", filtered(Set.of("image/jpeg"), Set.of()))))
        .containsExactly(CRIMSON, BLUE);
    assertThat(ids(search.byText("red", filtered(Set.of(), Set.of("cold")))))
        .containsExactlyInAnyOrder(GREEN, BLUE);
    SearchFilter june =
        new SearchFilter(
            Optional.of(Instant.parse("2024-06-01T00:00:00Z")),
            Optional.empty(),
            Set.of(),
            Set.of());
    assertThat(ids(search.byText("red", request(10, 0, june, -1)))).containsExactly(CRIMSON, GREEN);
  }

  @Test
  void anUploadedImageFindsImagesOfItsColour() {
    assertThat(ids(search.byImage(TestPngs.solid(Color.GREEN), SearchRequest.firstPage(1))))
        .containsExactly(GREEN);
  }

  @Test
  void anUploadThatIsNoImageIsRefused() {
    assertThatThrownBy(() -> search.byImage("text".getBytes(), SearchRequest.firstPage(1)))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e ->
                assertThat(e.reason()).isEqualTo(ImageRejectedException.Reason.UNSUPPORTED_FORMAT));
  }

  @Test
  void similarImagesLeaveTheImageItselfOutAndKeepTheLimit() {
    assertThat(ids(search.similarTo(RED, SearchRequest.firstPage(2))))
        .containsExactly(CRIMSON, GREEN);
    assertThat(ids(search.similarTo(RED, request(10, 0, SearchFilter.NONE, 0.5f))))
        .containsExactly(CRIMSON);
  }

  /** The page size the API documents as the largest is accepted; one more names that size. */
  @Test
  void similarImagesTakeTheLargestPageAndOneMoreNamesIt() {
    assertThat(ids(search.similarTo(RED, SearchRequest.firstPage(SearchRequest.MAX_LIMIT))))
        .containsExactly(CRIMSON, GREEN, BLUE);
    assertThatThrownBy(
            () -> search.similarTo(RED, SearchRequest.firstPage(SearchRequest.MAX_LIMIT + 1)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("limit must be between 1 and 200, got 201");
  }

  @Test
  void nearDuplicatesAreWithinTheDistanceClosestFirst() {
    assertThat(ids(search.nearDuplicates(RED, 10))).containsExactly(GREEN, CRIMSON);
    assertThat(ids(search.nearDuplicates(RED, 1))).containsExactly(GREEN);
    assertThat(ids(search.nearDuplicates(RED, 0))).isEmpty();
    assertThat(ids(search.nearDuplicates(RED, 64))).containsExactly(GREEN, CRIMSON, BLUE);
  }

  @Test
  void aNearDuplicateDistanceOutsideTheHashIsRefused() {
    assertThatThrownBy(() -> search.nearDuplicates(RED, 65))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("max_distance must be between 0 and 64, got 65");
    assertThatThrownBy(() -> search.nearDuplicates(RED, -1))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void anImageThatIsNotIndexedIsNotFound() {
    ImageId unknown = ImageId.of("unknown".getBytes());

    assertThatThrownBy(() -> search.describe(unknown)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> search.similarTo(unknown, SearchRequest.firstPage(1)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> search.nearDuplicates(unknown, 10))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(unknown.hex());
  }

  @Test
  void describeGivesTheStoredMetadata() {
    IndexedImage green = search.describe(GREEN);

    assertThat(green.metadata().tags()).containsExactly("cold");
    assertThat(green.metadata().createdAt()).isEqualTo(JUNE);
  }

  @Test
  void deleteRemovesTheEntryTheBytesAndTheThumbnail() {
    objects.put(RED.imageKey(), new ByteArrayInputStream(new byte[] {1}), 1, "image/png");
    objects.put(RED.thumbnailKey(), new ByteArrayInputStream(new byte[] {2}), 1, "image/jpeg");
    objects.put(
        RED.doubleThumbnailKey(), new ByteArrayInputStream(new byte[] {3}), 1, "image/jpeg");

    search.delete(RED);

    assertThat(index.get(RED)).isEmpty();
    assertThat(objects.stat(RED.imageKey())).isEmpty();
    assertThat(objects.stat(RED.thumbnailKey())).isEmpty();
    assertThat(objects.stat(RED.doubleThumbnailKey())).isEmpty();
    assertThat(search.indexedCount()).isEqualTo(3);
    assertThatThrownBy(() -> search.delete(RED)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void deleteOfBytesNotYetIndexedSucceeds() {
    ImageId pending = ImageId.of("pending".getBytes());
    objects.put(pending.imageKey(), new ByteArrayInputStream(new byte[] {1}), 1, "image/png");

    search.delete(pending);

    assertThat(objects.stat(pending.imageKey())).isEmpty();
  }

  private static SearchRequest request(int limit, int offset, SearchFilter filter, float min) {
    return new SearchRequest(limit, offset, filter, min);
  }

  private static SearchRequest filtered(Set<String> mimeTypes, Set<String> tags) {
    return request(
        10, 0, new SearchFilter(Optional.empty(), Optional.empty(), mimeTypes, tags), -1);
  }

  private static List<ImageId> ids(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::id).toList();
  }

  private static IndexedImage entry(
      ImageId id, float[] vector, String mime, Instant created, Set<String> tags, long hash) {
    return new IndexedImage(
        id,
        vector,
        new ImageMetadata(
            id.hex().substring(0, 8), mime, 32, 32, created, tags, hash, Optional.empty()));
  }
}
