package io.imagesearch.web;

import io.imagesearch.application.SearchResult;
import io.imagesearch.application.SearchService;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.image.ImageMetadata;
import io.imagesearch.core.search.LibraryEntry;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.imaging.Thumbnailer;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** JSON shapes of images in search results and metadata responses. */
final class ImageViews {
  private ImageViews() {}

  record ImageView(
      String id,
      String file_name,
      String mime_type,
      int width,
      int height,
      Instant created_at,
      Set<String> tags,
      String perceptual_hash,
      String camera,
      String image_url,
      String thumbnail_url,
      String thumbnail_srcset) {}

  record HitView(float score, ImageView image) {}

  /**
   * A page of hits. {@code relevant_count} and {@code cutoff} are set for text searches that find a
   * relevant set first ({@link SearchResult}); {@code mode} and {@code sort} for text searches.
   */
  record SearchResponse(
      List<HitView> results,
      int limit,
      int offset,
      String mode,
      String sort,
      Integer relevant_count,
      Double cutoff) {}

  /**
   * A page of the library: its images newest first, how many meet the filter in all, and the {@code
   * after} of the next page (null after the last).
   */
  record LibraryResponse(List<ImageView> images, long total, String next) {}

  static ImageView of(ImageId id, ImageMetadata m) {
    return new ImageView(
        id.hex(),
        m.fileName(),
        m.mimeType(),
        m.width(),
        m.height(),
        m.createdAt(),
        m.tags(),
        String.format("%016x", m.perceptualHash()),
        m.camera().orElse(null),
        "/images/" + id.hex(),
        "/thumbnails/" + id.hex(),
        srcset(id, m.width(), m.height()));
  }

  /**
   * The thumbnails as an HTML srcset: the standard one and, for an image larger than it, the one of
   * twice its side, each with its width in pixels.
   */
  static String srcset(ImageId id, int width, int height) {
    String url = "/thumbnails/" + id.hex();
    int side = Thumbnailer.DEFAULT_SIDE;
    String standard = url + " " + Thumbnailer.fit(width, height, side)[0] + "w";
    if (Math.max(width, height) <= side) {
      return standard;
    }
    return standard + ", " + url + "?size=2x " + Thumbnailer.fit(width, height, 2 * side)[0] + "w";
  }

  static HitView of(SearchHit hit) {
    return new HitView(hit.score(), of(hit.id(), hit.metadata()));
  }

  static LibraryResponse library(SearchService.LibraryPage page, int limit) {
    List<LibraryEntry> entries = page.entries();
    String next =
        entries.size() < limit ? null : LibraryCursor.format(entries.getLast().position());
    return new LibraryResponse(
        entries.stream().map(e -> of(e.id(), e.metadata())).toList(), page.total(), next);
  }

  static SearchResponse page(List<SearchHit> hits, int limit, int offset) {
    return new SearchResponse(
        hits.stream().map(ImageViews::of).toList(), limit, offset, null, null, null, null);
  }

  static SearchResponse page(SearchResult result, int limit, int offset, String mode, String sort) {
    return new SearchResponse(
        result.hits().stream().map(ImageViews::of).toList(),
        limit,
        offset,
        mode,
        sort,
        result.relevantCount().isPresent() ? result.relevantCount().getAsInt() : null,
        result.cutoff().isPresent() ? result.cutoff().getAsDouble() : null);
  }
}
