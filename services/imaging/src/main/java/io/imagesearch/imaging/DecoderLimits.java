package io.imagesearch.imaging;

/**
 * Bounds checked before any pixel is decoded, so a small file that declares a huge canvas (a
 * decompression bomb) cannot exhaust memory.
 *
 * @param maxBytes largest accepted encoded size
 * @param maxPixels largest accepted width x height
 * @param minSide smallest accepted width or height
 */
public record DecoderLimits(long maxBytes, long maxPixels, int minSide) {

  /** 50 MB, 50 megapixels, at least 2 pixels a side. */
  public static final DecoderLimits DEFAULT = new DecoderLimits(50L << 20, 50_000_000L, 2);

  public DecoderLimits {
    if (maxBytes <= 0 || maxPixels <= 0 || minSide < 1) {
      throw new IllegalArgumentException(
          "decoder limits must be positive: maxBytes="
              + maxBytes
              + ", maxPixels="
              + maxPixels
              + ", minSide="
              + minSide);
    }
  }
}
