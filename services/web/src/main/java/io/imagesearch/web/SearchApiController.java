package io.imagesearch.web;

import io.imagesearch.application.NotFoundException;
import io.imagesearch.application.SearchRequest;
import io.imagesearch.application.SearchService;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.TagShape;
import io.imagesearch.imaging.PerceptualHash;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
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
      "What to find, in words; at most " + SearchService.MAX_QUERY_LENGTH + " characters";
  private static final String LIMIT = "Hits per page, 1 to " + SearchRequest.MAX_LIMIT;
  private static final String OFFSET = "Hits skipped, 0 to " + SearchRequest.MAX_OFFSET;
  private static final String MIN_SCORE = "Lowest cosine similarity returned, -1 to 1";
  private static final String TAG =
      "Tags every hit carries, repeated or comma-separated; each 1-"
          + TagShape.MAX_LENGTH
          + " letters (with combining marks), digits, '_', '.', ':' or '-'";

  private final SearchService search;

  public SearchApiController(SearchService search) {
    this.search = search;
  }

  @Operation(summary = "Ids of the images best matching a text, best first")
  @GetMapping("/api/v1/image/search")
  public List<String> searchIds(
      @Parameter(description = TEXT) @RequestParam String text,
      @Parameter(description = LIMIT, schema = @Schema(minimum = "1", maximum = MAX_LIMIT))
          @RequestParam(defaultValue = "10")
          int limit) {
    return search.byText(text, SearchRequest.firstPage(limit)).stream()
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
      @Parameter(description = MIN_SCORE, schema = @Schema(minimum = "-1", maximum = "1"))
          @RequestParam(name = "min_score", defaultValue = "-1")
          float minScore) {
    SearchRequest request =
        SearchParameters.parse(limit, offset, from, to, mimeTypes, tags, minScore);
    return ImageViews.page(search.byText(text, request), limit, offset);
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
    search.delete(imageId(id));
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
