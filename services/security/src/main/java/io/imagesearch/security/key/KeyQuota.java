package io.imagesearch.security.key;

import io.imagesearch.core.unit.BinarySize;

/**
 * Optional limits on what a key's uploads may hold at once: how many images, how many bytes; null
 * where there is no limit. Set when the key is created and never changed. An image counts once per
 * key however often the key uploads it, and stops counting when it is deleted.
 */
public record KeyQuota(Long maxImages, Long maxBytes) {

  public static final KeyQuota NONE = new KeyQuota(null, null);

  public KeyQuota {
    if (maxImages != null && maxImages < 1) {
      throw new InvalidKeyRequestException(
          "max_images must be at least 1 (or left out for no limit), got " + maxImages);
    }
    if (maxBytes != null && maxBytes < 1) {
      throw new InvalidKeyRequestException(
          "max_bytes must be at least 1 (or left out for no limit), got " + maxBytes);
    }
  }

  /** Whether uploads with this key are counted at all. */
  public boolean limitsAnything() {
    return maxImages != null || maxBytes != null;
  }

  /** What to tell the holder of key {@code keyName} whose upload {@code charge} refused. */
  public String explain(QuotaCharge charge, String keyName) {
    String limit =
        switch (charge) {
          case OVER_MAX_IMAGES -> maxImages + (maxImages == 1 ? " image" : " images");
          case OVER_MAX_BYTES -> bytes(maxBytes);
          default -> throw new IllegalArgumentException(charge + " refuses nothing");
        };
    return "this file would take the API key '"
        + keyName
        + "' past its quota of "
        + limit
        + " ("
        + charge.quotaName()
        + "): delete images uploaded with it, or ask an administrator for a key with a larger"
        + " quota";
  }

  /** In binary units, with the exact count: {@code 10 GiB (10737418240 bytes)}. */
  public static String bytes(long count) {
    String readable = BinarySize.format(count);
    return readable.endsWith(" bytes") ? readable : readable + " (" + count + " bytes)";
  }
}
