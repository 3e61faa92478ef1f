package io.imagesearch.web;

import static io.imagesearch.web.ProblemJson.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.imagesearch.application.SearchService;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.image.ImageMetadata;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.SearchFilter;
import io.imagesearch.core.search.VectorQuery;
import java.awt.Color;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(SearchApiController.class)
@Import(FakePorts.class)
class SearchApiControllerTest {

  /** Perceptual hash of the "original"; the others differ from it in the low bits named. */
  private static final long HASH = 0xF0F0_F0F0_F0F0_F0F0L;

  private static final ImageId BEST = id("best");
  private static final ImageId GOOD = id("good");
  private static final ImageId POOR = id("poor");
  private static final ImageId WORST = id("worst");

  @Autowired MockMvc mvc;
  @Autowired FakePorts ports;

  @BeforeEach
  void indexFourImages() {
    ports.reset();
    // Scores against the fixed query vector {1, 0}: 1, 0.6, 0, -1.
    index(BEST, new float[] {1, 0}, HASH, "best.jpg");
    index(GOOD, new float[] {0.6f, 0.8f}, HASH ^ 0b1, "good.jpg");
    index(POOR, new float[] {0, 1}, HASH ^ 0b111, "poor.jpg");
    index(WORST, new float[] {-1, 0}, ~HASH, "worst.jpg");
  }

  @Test
  void theOriginalSearchRouteAnswersIdsBestFirst() throws Exception {
    mvc.perform(get("/api/v1/image/search").param("text", "  a red car "))
        .andExpectAll(
            status().isOk(),
            content().contentType(MediaType.APPLICATION_JSON),
            jsonPath("$").value(contains(hex(BEST), hex(GOOD), hex(POOR), hex(WORST))));
    assertThat(ports.embedder.texts()).containsExactly("a red car");
  }

  /** The page size of the service whose route this is. */
  @Test
  void theOriginalSearchRouteAnswersTwentyIdsByDefault() throws Exception {
    for (int n = 0; n < 30; n++) {
      index(id("more-" + n), new float[] {0.1f, 1}, HASH, "more-" + n + ".jpg");
    }

    mvc.perform(get("/api/v1/image/search").param("text", "car"))
        .andExpectAll(status().isOk(), jsonPath("$.length()").value(20));
    assertThat(ports.index.lastQuery().limit()).isEqualTo(20);
  }

  @Test
  void theOriginalSearchRouteTakesAMode() throws Exception {
    mvc.perform(get("/api/v1/image/search").param("text", "poor").param("mode", "keyword"))
        .andExpect(jsonPath("$").value(contains(hex(POOR))));
    assertThat(ports.embedder.texts()).isEmpty();
  }

  /** The model reads the first 77 tokens: a longer text is answered, not refused. */
  @Test
  void aLongTextIsAnswered() throws Exception {
    mvc.perform(get("/api/v1/image/search").param("text", "a red car ".repeat(1000)))
        .andExpectAll(status().isOk(), jsonPath("$.length()").value(4));
    assertThat(ports.embedder.texts().getFirst()).hasSize(SearchService.MAX_QUERY_LENGTH);
  }

  @Test
  void theOriginalSearchRouteTakesALimit() throws Exception {
    mvc.perform(get("/api/v1/image/search").param("text", "car").param("limit", "2"))
        .andExpect(jsonPath("$").value(contains(hex(BEST), hex(GOOD))));
  }

  @Test
  void aSearchWithoutTextIs400() throws Exception {
    mvc.perform(get("/api/v1/image/search"))
        .andExpect(problem(HttpStatus.BAD_REQUEST, "missing-parameter", "\"text\""));
    mvc.perform(get("/api/v1/search").param("text", "   "))
        .andExpect(problem(HttpStatus.BAD_REQUEST, "invalid-request", "the query text is empty"));
  }

  @Test
  void theRichSearchGivesScoresMetadataAndLinks() throws Exception {
    mvc.perform(get("/api/v1/search").param("text", "car").param("limit", "1"))
        .andExpectAll(
            status().isOk(),
            jsonPath("$.limit").value(1),
            jsonPath("$.offset").value(0),
            jsonPath("$.results.length()").value(1),
            jsonPath("$.results[0].score").value(1.0),
            jsonPath("$.results[0].image.id").value(hex(BEST)),
            jsonPath("$.results[0].image.file_name").value("best.jpg"),
            jsonPath("$.results[0].image.mime_type").value("image/jpeg"),
            jsonPath("$.results[0].image.width").value(640),
            jsonPath("$.results[0].image.height").value(480),
            jsonPath("$.results[0].image.created_at").value("2024-05-01T12:00:00Z"),
            jsonPath("$.results[0].image.tags").value(contains("street")),
            jsonPath("$.results[0].image.perceptual_hash").value("f0f0f0f0f0f0f0f0"),
            jsonPath("$.results[0].image.camera").value(nullValue()),
            jsonPath("$.results[0].image.image_url").value("/images/" + hex(BEST)),
            jsonPath("$.results[0].image.thumbnail_url").value("/thumbnails/" + hex(BEST)));
  }

  @Test
  void pagingAndTheScoreThresholdReachTheIndex() throws Exception {
    mvc.perform(
            get("/api/v1/search")
                .param("text", "car")
                .param("limit", "2")
                .param("offset", "1")
                .param("min_score", "0.5"))
        .andExpectAll(
            jsonPath("$.results[*].image.id").value(contains(hex(GOOD))),
            jsonPath("$.limit").value(2),
            jsonPath("$.offset").value(1));
    VectorQuery query = ports.index.lastQuery();
    assertThat(query.limit()).isEqualTo(2);
    assertThat(query.offset()).isEqualTo(1);
    assertThat(query.minScore()).isEqualTo(0.5f);
  }

  @Test
  void aPlainSearchSaysItsModeAndOrderAndCountsNothing() throws Exception {
    mvc.perform(get("/api/v1/search").param("text", "car"))
        .andExpectAll(
            jsonPath("$.mode").value("semantic"),
            jsonPath("$.sort").value("relevance"),
            jsonPath("$.relevant_count").value(nullValue()),
            jsonPath("$.cutoff").value(nullValue()));
  }

  /** Meaning above 0.5 (best, good) fused with the word "poor" of poor.jpg. */
  @Test
  void hybridSearchFusesMeaningAndWordsAndCountsTheRelevantHits() throws Exception {
    mvc.perform(
            get("/api/v1/search")
                .param("text", "poor")
                .param("mode", "hybrid")
                .param("min_score", "0.5"))
        .andExpectAll(
            status().isOk(),
            jsonPath("$.results[*].image.id").value(contains(hex(BEST), hex(POOR), hex(GOOD))),
            jsonPath("$.mode").value("hybrid"),
            jsonPath("$.relevant_count").value(3),
            jsonPath("$.cutoff").value(0.5));
    assertThat(ports.index.keywordQueries().getLast().terms()).containsExactly("poor");
  }

  @Test
  void dateOrderTakesTheRelevantHitsNewestFirstOrOldestFirst() throws Exception {
    index(BEST, new float[] {1, 0}, HASH, "best.jpg", Instant.parse("2024-03-01T00:00:00Z"));
    index(GOOD, new float[] {0.6f, 0.8f}, HASH, "good.jpg", Instant.parse("2024-09-01T00:00:00Z"));

    mvc.perform(get("/api/v1/search").param("text", "car").param("sort", "date"))
        .andExpectAll(
            jsonPath("$.sort").value("date"),
            jsonPath("$.relevant_count").value(4),
            jsonPath("$.results[*].image.id")
                .value(contains(hex(GOOD), hex(POOR), hex(WORST), hex(BEST))));
    mvc.perform(
            get("/api/v1/search")
                .param("text", "car")
                .param("sort", "date")
                .param("order", "asc")
                .param("limit", "2"))
        .andExpect(jsonPath("$.results[*].image.id").value(contains(hex(BEST), hex(POOR))));
  }

  /** Thirty images unlike the query give the spread that "best" stands out from. */
  @Test
  void anAutomaticCutoffKeepsWhatStandsOutAndReportsItsThreshold() throws Exception {
    for (int n = 0; n < 30; n++) {
      float angle = (float) (Math.PI / 2 + (n - 15) * 0.02);
      index(
          id("other-" + n),
          new float[] {(float) Math.cos(angle), (float) Math.sin(angle)},
          HASH,
          "other-" + n + ".jpg");
    }

    mvc.perform(get("/api/v1/search").param("text", "car").param("min_score", "auto"))
        .andExpectAll(
            jsonPath("$.results[0].image.id").value(hex(BEST)),
            jsonPath("$.relevant_count").value(2),
            jsonPath("$.cutoff").isNumber());
  }

  @Test
  void filtersAreParsedIntoTheQuery() throws Exception {
    mvc.perform(
            get("/api/v1/search")
                .param("text", "car")
                .param("from", "2024-05-01")
                .param("to", "2024-06-01T08:00:00Z")
                .param("mime_type", "image/png, image/jpeg")
                .param("tag", "Street", "night"))
        .andExpect(status().isOk());

    SearchFilter filter = ports.index.lastQuery().filter();
    assertThat(filter.createdFrom()).contains(Instant.parse("2024-05-01T00:00:00Z"));
    assertThat(filter.createdTo()).contains(Instant.parse("2024-06-01T08:00:00Z"));
    assertThat(filter.mimeTypes()).containsExactlyInAnyOrder("image/png", "image/jpeg");
    assertThat(filter.tags()).containsExactlyInAnyOrder("street", "night");
  }

  @Test
  void badSearchParametersAre400AndSayWhatIsAccepted() throws Exception {
    expectBadRequest("mime_type", "text/html", "invalid-request", "is not one of image/jpeg");
    expectBadRequest("from", "yesterday", "invalid-request", "ISO-8601");
    expectBadRequest("tag", "<script>", "invalid-request", "is not allowed");
    expectBadRequest("limit", "201", "invalid-request", "limit must be between 1 and 200");
    expectBadRequest("limit", "0", "invalid-request", "got 0");
    expectBadRequest("offset", "-1", "invalid-request", "offset must be between 0 and 10000");
    expectBadRequest("min_score", "1.5", "invalid-request", "min_score must be between -1 and 1");
    expectBadRequest("min_score", "high", "invalid-request", "a number between -1 and 1 or auto");
    expectBadRequest(
        "mode", "fuzzy", "invalid-request", "mode must be semantic, keyword or hybrid");
    expectBadRequest("sort", "name", "invalid-request", "sort must be relevance or date");
    expectBadRequest("order", "asc", "invalid-request", "order applies to sort=date only");
    expectBadRequest("limit", "ten", "invalid-parameter", "must be a valid int, got \"ten\"");
    assertThat(ports.embedder.texts()).isEmpty();
  }

  @Test
  void searchByImageEmbedsTheUpload() throws Exception {
    mvc.perform(
            multipart("/api/v1/search/by-image")
                .file(
                    new MockMultipartFile("file", "q.png", "image/png", TestImages.png(Color.RED)))
                .param("limit", "3")
                .param("min_score", "0"))
        .andExpectAll(
            status().isOk(),
            jsonPath("$.results[*].image.id").value(contains(hex(BEST), hex(GOOD), hex(POOR))),
            jsonPath("$.limit").value(3));
  }

  @Test
  void searchByAnUploadThatIsNoImageIs415() throws Exception {
    mvc.perform(
            multipart("/api/v1/search/by-image")
                .file(new MockMultipartFile("file", "q.txt", "text/plain", "hello".getBytes())))
        .andExpect(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "image-unsupported_format", ""));
  }

  @Test
  void anImagesMetadataIsDescribed() throws Exception {
    mvc.perform(get("/api/v1/images/" + hex(GOOD)))
        .andExpectAll(
            status().isOk(),
            jsonPath("$.id").value(hex(GOOD)),
            jsonPath("$.file_name").value("good.jpg"),
            jsonPath("$.perceptual_hash").value("f0f0f0f0f0f0f0f1"));
  }

  @Test
  void unknownOrMalformedImageIdsAre404() throws Exception {
    ImageId missing = id("missing");
    for (String path :
        List.of("/api/v1/images/%s", "/api/v1/images/%s/similar", "/api/v1/images/%s/duplicates")) {
      mvc.perform(get(path.formatted(hex(missing))))
          .andExpect(problem(HttpStatus.NOT_FOUND, "not-found", hex(missing)));
      mvc.perform(get(path.formatted("NOT-AN-ID")))
          .andExpect(problem(HttpStatus.NOT_FOUND, "not-found", "64 lowercase hex characters"));
    }
  }

  @Test
  void similarImagesLeaveTheImageItselfOut() throws Exception {
    mvc.perform(get("/api/v1/images/" + hex(BEST) + "/similar").param("limit", "2"))
        .andExpectAll(
            status().isOk(),
            jsonPath("$.results[*].image.id").value(contains(hex(GOOD), hex(POOR))),
            jsonPath("$.limit").value(2));
    assertThat(ports.index.lastQuery().limit()).isEqualTo(3);
  }

  @Test
  void nearDuplicatesAreTheCloseHashesClosestFirst() throws Exception {
    mvc.perform(get("/api/v1/images/" + hex(BEST) + "/duplicates"))
        .andExpectAll(
            status().isOk(),
            content().contentType(MediaType.APPLICATION_JSON),
            jsonPath("$[*].image.id").value(contains(hex(GOOD), hex(POOR))),
            jsonPath("$[0].score").value(0.6));
  }

  @Test
  void nearDuplicatesTakeAMaximumDistance() throws Exception {
    mvc.perform(get("/api/v1/images/" + hex(BEST) + "/duplicates").param("max_distance", "1"))
        .andExpect(jsonPath("$[*].image.id").value(contains(hex(GOOD))));
    mvc.perform(get("/api/v1/images/" + hex(BEST) + "/duplicates").param("max_distance", "64"))
        .andExpect(jsonPath("$.length()").value(3));
  }

  @Test
  void aMaximumDistanceOutOfRangeIs400() throws Exception {
    mvc.perform(get("/api/v1/images/" + hex(BEST) + "/duplicates").param("max_distance", "65"))
        .andExpect(problem(HttpStatus.BAD_REQUEST, "invalid-request", "between 0 and 64"));
    mvc.perform(get("/api/v1/images/" + hex(BEST) + "/duplicates").param("max_distance", "-1"))
        .andExpect(problem(HttpStatus.BAD_REQUEST, "invalid-request", "got -1"));
  }

  @Test
  void deleteRemovesTheEntryTheImageAndItsThumbnail() throws Exception {
    ports.objects.putBytes(GOOD.imageKey(), new byte[] {1}, "image/jpeg");
    ports.objects.putBytes(GOOD.thumbnailKey(), new byte[] {2}, "image/jpeg");

    mvc.perform(delete("/api/v1/images/" + hex(GOOD))).andExpect(status().isNoContent());

    assertThat(ports.index.get(GOOD)).isEmpty();
    assertThat(ports.objects.contains(GOOD.imageKey())).isFalse();
    assertThat(ports.objects.contains(GOOD.thumbnailKey())).isFalse();
    mvc.perform(delete("/api/v1/images/" + hex(GOOD)))
        .andExpect(problem(HttpStatus.NOT_FOUND, "not-found", hex(GOOD)));
  }

  @Test
  void statsCountTheIndexedImages() throws Exception {
    mvc.perform(get("/api/v1/stats"))
        .andExpectAll(status().isOk(), content().json("{\"indexed_images\":4}"));
  }

  private void expectBadRequest(String name, String value, String type, String detail)
      throws Exception {
    mvc.perform(get("/api/v1/search").param("text", "car").param(name, value))
        .andExpect(problem(HttpStatus.BAD_REQUEST, type, detail));
  }

  @Test
  void theLibraryPagesNewestFirstFromEachPagesNext() throws Exception {
    // The four share an instant, so they come by id; a newer fifth comes first.
    ImageId newest = id("newest");
    ports.index.upsert(
        List.of(
            new IndexedImage(
                newest,
                new float[] {1, 0},
                new ImageMetadata(
                    "new.png",
                    "image/png",
                    10,
                    10,
                    Instant.parse("2025-01-01T00:00:00.5Z"),
                    Set.of(),
                    0,
                    Optional.empty()))));
    List<String> byId =
        java.util.stream.Stream.of(BEST, GOOD, POOR, WORST).map(ImageId::hex).sorted().toList();
    String next =
        LibraryCursor.format(
            new io.imagesearch.core.search.LibraryPosition(
                Instant.parse("2024-05-01T12:00:00Z"), new ImageId(byId.get(1))));

    mvc.perform(get("/api/v1/images/newest").param("limit", "3"))
        .andExpectAll(
            status().isOk(),
            jsonPath("$.images[*].id").value(contains(newest.hex(), byId.get(0), byId.get(1))),
            jsonPath("$.images[0].file_name").value("new.png"),
            jsonPath("$.images[0].thumbnail_url").value("/thumbnails/" + newest.hex()),
            // 10x10 fits the thumbnail: no double one; the 640x480 images have one.
            jsonPath("$.images[0].thumbnail_srcset").value("/thumbnails/" + newest.hex() + " 10w"),
            jsonPath("$.images[1].thumbnail_srcset")
                .value(
                    "/thumbnails/"
                        + byId.get(0)
                        + " 320w, /thumbnails/"
                        + byId.get(0)
                        + "?size=2x 640w"),
            jsonPath("$.total").value(5),
            jsonPath("$.next").value(next));
    assertThat(next).isEqualTo("1714564800.000000000." + byId.get(1));
    mvc.perform(get("/api/v1/images/newest").param("limit", "3").param("after", next))
        .andExpectAll(
            status().isOk(),
            jsonPath("$.images[*].id").value(contains(byId.get(2), byId.get(3))),
            jsonPath("$.next").value(nullValue()));
  }

  @Test
  void theLibraryTakesTheSearchFilters() throws Exception {
    mvc.perform(
            get("/api/v1/images/newest")
                .param("from", "2024-01-01")
                .param("mime_type", "image/png")
                .param("tag", "street"))
        .andExpect(status().isOk());

    io.imagesearch.core.search.LibraryQuery query = ports.index.lastLibraryQuery();
    assertThat(query.limit()).isEqualTo(60);
    assertThat(query.after()).isEmpty();
    assertThat(query.filter())
        .isEqualTo(
            new SearchFilter(
                Optional.of(Instant.parse("2024-01-01T00:00:00Z")),
                Optional.empty(),
                Set.of("image/png"),
                Set.of("street")));
  }

  @Test
  void aMalformedPlaceOrLimitInTheLibraryIsABadRequest() throws Exception {
    mvc.perform(get("/api/v1/images/newest").param("after", "yesterday"))
        .andExpect(problem(HttpStatus.BAD_REQUEST, "invalid-request", "pass the \"next\" value"));
    mvc.perform(get("/api/v1/images/newest").param("after", "1." + "0".repeat(9) + ".XYZ"))
        .andExpect(problem(HttpStatus.BAD_REQUEST, "invalid-request", "not a place"));
    mvc.perform(get("/api/v1/images/newest").param("limit", "0"))
        .andExpect(problem(HttpStatus.BAD_REQUEST, "invalid-request", "limit must be between 1"));
  }

  private void index(ImageId id, float[] vector, long hash, String fileName) {
    index(id, vector, hash, fileName, Instant.parse("2024-05-01T12:00:00Z"));
  }

  private void index(ImageId id, float[] vector, long hash, String fileName, Instant createdAt) {
    ImageMetadata metadata =
        new ImageMetadata(
            fileName, "image/jpeg", 640, 480, createdAt, Set.of("street"), hash, Optional.empty());
    ports.index.upsert(List.of(new IndexedImage(id, vector, metadata)));
  }

  private static ImageId id(String seed) {
    return ImageId.of(seed.getBytes());
  }

  private static String hex(ImageId id) {
    return id.hex();
  }
}
