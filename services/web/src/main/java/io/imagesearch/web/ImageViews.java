package io.imagesearch.web;

import io.imagesearch.application.SearchResult;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.image.ImageMetadata;
import io.imagesearch.core.search.SearchHit;
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
      String thumbnail_url) {}

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
        "/thumbnails/" + id.hex());
  }

  static HitView of(SearchHit hit) {
    return new HitView(hit.score(), of(hit.id(), hit.metadata()));
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
