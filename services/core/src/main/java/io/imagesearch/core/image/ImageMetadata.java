package io.imagesearch.core.image;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What is known about an image besides its pixels: kept with its vector so search results and
 * filters need no second lookup.
 *
 * @param fileName the name the client uploaded it under (display only, never a path)
 * @param mimeType the type sniffed from the bytes, e.g. {@code image/jpeg}
 * @param width width after EXIF orientation is applied
 * @param height height after EXIF orientation is applied
 * @param createdAt EXIF capture time when present, else the upload time
 * @param tags free-form labels given at upload, lowercase
 * @param perceptualHash 64-bit difference hash, for near-duplicate lookups
 * @param camera camera make and model from EXIF, when present
 */
public record ImageMetadata(
    String fileName,
    String mimeType,
    int width,
    int height,
    Instant createdAt,
    Set<String> tags,
    long perceptualHash,
    Optional<String> camera) {

  public ImageMetadata {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "image dimensions must be positive: " + width + "x" + height);
    }
    tags = Set.copyOf(tags);
    camera = camera == null ? Optional.empty() : camera;
  }
}
