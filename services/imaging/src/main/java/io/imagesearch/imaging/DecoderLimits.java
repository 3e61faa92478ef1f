package io.imagesearch.imaging;

/**
 * Bounds checked before any pixel is decoded, so a small file that declares a huge canvas (a
 * decompression bomb) cannot exhaust memory.
 *
 * @param maxBytes largest accepted encoded size
 * @param maxPixels largest accepted width x height
 * @param minSide smallest accepted width or height
 * @param maxAspectRatio largest accepted ratio of the long side to the short one: an extreme shape
 *     says nothing a model or a thumbnail can show, and its resampling work grows with the long
 *     side
 * @param maxMetadataBytes largest accepted size of the metadata (text, ICC profile, XMP, EXIF) once
 *     decompressed: a few kilobytes of deflated text can inflate to gigabytes
 */
public record DecoderLimits(
    long maxBytes, long maxPixels, int minSide, int maxAspectRatio, long maxMetadataBytes) {

  /** 1:100, wider than any panorama or long screenshot. */
  public static final int DEFAULT_MAX_ASPECT_RATIO = 100;

  /** 16 MiB, several times the largest ICC profiles and XMP packets cameras and editors write. */
  public static final long DEFAULT_MAX_METADATA_BYTES = 16L << 20;

  /** 50 MB, 50 megapixels, at least 2 pixels a side, 1:100 at most, 16 MiB of metadata. */
  public static final DecoderLimits DEFAULT = new DecoderLimits(50L << 20, 50_000_000L, 2);

  public DecoderLimits {
    if (maxBytes <= 0
        || maxPixels <= 0
        || minSide < 1
        || maxAspectRatio < 1
        || maxMetadataBytes < 0) {
      throw new IllegalArgumentException(
          "decoder limits must be positive: maxBytes="
              + maxBytes
              + ", maxPixels="
              + maxPixels
              + ", minSide="
              + minSide
              + ", maxAspectRatio="
              + maxAspectRatio
              + ", maxMetadataBytes="
              + maxMetadataBytes);
    }
  }

  /** The given size limits with the default aspect ratio and metadata limits. */
  public DecoderLimits(long maxBytes, long maxPixels, int minSide) {
    this(maxBytes, maxPixels, minSide, DEFAULT_MAX_ASPECT_RATIO, DEFAULT_MAX_METADATA_BYTES);
  }
}
