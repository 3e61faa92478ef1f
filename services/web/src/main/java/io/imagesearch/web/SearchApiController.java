package io.imagesearch.web;

import io.imagesearch.application.NotFoundException;
import io.imagesearch.application.ResultOrder;
import io.imagesearch.application.SearchMode;
import io.imagesearch.application.SearchRequest;
import io.imagesearch.application.SearchService;
import io.imagesearch.application.UploadQuotas;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.TagShape;
import io.imagesearch.imaging.PerceptualHash;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Search and image metadata: the original {@code /api/v1/image/search} (an array of ids, best
 * first) and the richer routes with scores, filters and paging beside it.
 */
@RestController
@Tag(name = "search", description = "Search by text or image, similar images, metadata")
public class SearchApiController {

  // The limits the use cases check, as the API documentation states them.
  private static final String MAX_LIMIT = "" + SearchRequest.MAX_LIMIT;
  private static final String MAX_OFFSET = "" + SearchRequest.MAX_OFFSET;
  private static final String TEXT =
      "What to find, in words; a longer text than "
          + SearchService.MAX_QUERY_LENGTH
          + " characters is read up to there, and the model reads its first 77 tokens";
  private static final String LIMIT = "Hits per page, 1 to " + SearchRequest.MAX_LIMIT;
  private static final String OFFSET = "Hits skipped, 0 to " + SearchRequest.MAX_OFFSET;
  private static final String MIN_SCORE = "Lowest cosine similarity returned, -1 to 1";
  private static final String TEXT_MIN_SCORE =
      "Which meaning matches are relevant: a lowest cosine similarity (-1 to 1), or auto for a"
          + " threshold from the query's own scores over the library. Default: none, or auto with"
          + " sort=date. Keyword matches are always relevant";
  private static final String MODE =
      "semantic (meaning), keyword (BM25 over file name, tags and camera words) or hybrid (both,"
          + " fused by reciprocal rank fusion)";
  private static final String SORT =
      "relevance, or date: the relevant hits by capture date (EXIF), else upload time";
  private static final String ORDER = "With sort=date: desc (newest first, the default) or asc";
  private static final String TAG =
      "Tags every hit carries, repeated or comma-separated; each 1-"
          + TagShape.MAX_LENGTH
          + " letters (with combining marks), digits, '_', '.', ':' or '-'";

  private final SearchService search;
  private final UploadQuotas quotas;

  /**
   * @param quotas the uploaders' quotas, when the app has them: a deleted image's room goes back
   */
  public SearchApiController(SearchService search, ObjectProvider<UploadQuotas> quotas) {
    this.search = search;
    this.quotas = quotas.getIfAvailable(() -> UploadQuotas.NONE);
  }

  /** The route and default page size of the service this API keeps compatible with. */
  @Operation(summary = "Ids of the images best matching a text, best first")
  @GetMapping("/api/v1/image/search")
  public List<String> searchIds(
      @Parameter(description = TEXT) @RequestParam String text,
      @Parameter(description = LIMIT, schema = @Schema(minimum = "1", maximum = MAX_LIMIT))
          @RequestParam(defaultValue = "20")
          int limit,
      @Parameter(
              description = MODE,
              schema = @Schema(allowableValues = {"semantic", "keyword", "hybrid"}))
          @RequestParam(defaultValue = "semantic")
          String mode) {
    return search
        .byText(text, SearchParameters.mode(mode), SearchRequest.firstPage(limit))
        .hits()
        .stream()
        .map(hit -> hit.id().hex())
        .toList();
  }

  @Operation(summary = "Images matching a text, with scores and metadata")
  @GetMapping("/api/v1/search")
  public ImageViews.SearchResponse searchText(
      @Parameter(description = TEXT) @RequestParam String text,
      @Parameter(description = LIMIT, schema = @Schema(minimum = "1", maximum = MAX_LIMIT))
          @RequestParam(defaultValue = "24")
          int limit,
      @Parameter(description = OFFSET, schema = @Schema(minimum = "0", maximum = MAX_OFFSET))
          @RequestParam(defaultValue = "0")
          int offset,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(name = "mime_type", required = false) List<String> mimeTypes,
      @Parameter(description = TAG) @RequestParam(name = "tag", required = false) List<String> tags,
      @Parameter(description = TEXT_MIN_SCORE, schema = @Schema(type = "string", example = "auto"))
          @RequestParam(name = "min_score", required = false)
          String minScore,
      @Parameter(
              description = MODE,
              schema = @Schema(allowableValues = {"semantic", "keyword", "hybrid"}))
          @RequestParam(defaultValue = "semantic")
          String mode,
      @Parameter(description = SORT, schema = @Schema(allowableValues = {"relevance", "date"}))
          @RequestParam(defaultValue = "relevance")
          String sort,
      @Parameter(description = ORDER, schema = @Schema(allowableValues = {"desc", "asc"}))
          @RequestParam(required = false)
          String order) {
    SearchMode searchMode = SearchParameters.mode(mode);
    SearchRequest request =
        SearchParameters.parse(limit, offset, from, to, mimeTypes, tags, minScore, sort, order);
    return ImageViews.page(
        search.byText(text, searchMode, request),
        limit,
        offset,
        searchMode.name().toLowerCase(Locale.ROOT),
        request.order() == ResultOrder.RELEVANCE ? "relevance" : "date");
  }

  @Operation(summary = "Images similar to an uploaded one")
  @PostMapping(path = "/api/v1/search/by-image", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ImageViews.SearchResponse searchImage(
      @RequestParam("file") MultipartFile file,
      @Parameter(description = LIMIT, schema = @Schema(minimum = "1", maximum = MAX_LIMIT))
          @RequestParam(defaultValue = "24")
          int limit,
      @Parameter(description = OFFSET, schema = @Schema(minimum = "0", maximum = MAX_OFFSET))
          @RequestParam(defaultValue = "0")
          int offset,
      @Parameter(description = MIN_SCORE, schema = @Schema(minimum = "-1", maximum = "1"))
          @RequestParam(name = "min_score", defaultValue = "-1")
          float minScore) {
    SearchRequest request = SearchParameters.parse(limit, offset, null, null, null, null, minScore);
    return ImageViews.page(search.byImage(Uploads.bytes(file), request), limit, offset);
  }

  @Operation(
      summary = "The library, newest first, one page at a time",
      description =
          "Images by creation time (EXIF capture time, else upload time), newest first, those of"
              + " the same instant by id; with the search's filters. A page ends with \"next\","
              + " the \"after\" of the page that follows (null after the last page), so images"
              + " added meanwhile never shift a page. \"total\" counts the images that meet the"
              + " filters.")
  @GetMapping("/api/v1/images/newest")
  public ImageViews.LibraryResponse newest(
      @Parameter(description = LIMIT, schema = @Schema(minimum = "1", maximum = MAX_LIMIT))
          @RequestParam(defaultValue = "60")
          int limit,
      @Parameter(description = "The \"next\" of the page before; absent for the first page")
          @RequestParam(required = false)
          String after,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(name = "mime_type", required = false) List<String> mimeTypes,
      @Parameter(description = TAG) @RequestParam(name = "tag", required = false)
          List<String> tags) {
    SearchService.LibraryPage page =
        search.library(
            SearchParameters.filter(from, to, mimeTypes, tags), limit, LibraryCursor.parse(after));
    return ImageViews.library(page, limit);
  }

  @Operation(summary = "Metadata of a stored image")
  @GetMapping("/api/v1/images/{id}")
  public ImageViews.ImageView describe(@PathVariable String id) {
    IndexedImage image = search.describe(imageId(id));
    return ImageViews.of(image.id(), image.metadata());
  }

  @Operation(summary = "Images similar to a stored one, itself excluded")
  @GetMapping("/api/v1/images/{id}/similar")
  public ImageViews.SearchResponse similar(
      @PathVariable String id,
      @Parameter(description = LIMIT, schema = @Schema(minimum = "1", maximum = MAX_LIMIT))
          @RequestParam(defaultValue = "12")
          int limit,
      @Parameter(description = OFFSET, schema = @Schema(minimum = "0", maximum = MAX_OFFSET))
          @RequestParam(defaultValue = "0")
          int offset,
      @Parameter(description = MIN_SCORE, schema = @Schema(minimum = "-1", maximum = "1"))
          @RequestParam(name = "min_score", defaultValue = "-1")
          float minScore) {
    SearchRequest request = SearchParameters.parse(limit, offset, null, null, null, null, minScore);
    return ImageViews.page(search.similarTo(imageId(id), request), limit, offset);
  }

  @Operation(summary = "Near-duplicates of a stored image by perceptual hash")
  @GetMapping("/api/v1/images/{id}/duplicates")
  public List<ImageViews.HitView> duplicates(
      @PathVariable String id,
      @RequestParam(
              name = "max_distance",
              defaultValue = "" + PerceptualHash.NEAR_DUPLICATE_DISTANCE)
          int maxDistance) {
    return search.nearDuplicates(imageId(id), maxDistance).stream().map(ImageViews::of).toList();
  }

  @Operation(summary = "Delete an image, its thumbnail and its index entry")
  @DeleteMapping("/api/v1/images/{id}")
  public ResponseEntity<Void> delete(@PathVariable String id) {
    ImageId image = imageId(id);
    search.delete(image);
    quotas.released(image);
    return ResponseEntity.noContent().build();
  }

  @Operation(summary = "How many images are indexed")
  @GetMapping("/api/v1/stats")
  public java.util.Map<String, Object> stats() {
    return java.util.Map.of("indexed_images", search.indexedCount());
  }

  private static ImageId imageId(String raw) {
    return ImageId.parse(raw)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no image with id "
                        + Problems.abbreviate(raw)
                        + " (ids are 64 lowercase hex characters)"));
  }
}
