package io.imagesearch.security.key;

/** What became of counting an upload against its key's quota. */
public enum QuotaCharge {
  /** Counted now: to be refunded if the upload is not stored after all. */
  CHARGED,
  /** The key already holds this item; nothing more is counted. */
  ALREADY_COUNTED,
  /** The key has no quota; nothing is counted. */
  NO_QUOTA,
  /** No such key; nothing is counted. */
  UNKNOWN_KEY,
  /** Refused: one more image would exceed the key's image quota. */
  OVER_MAX_IMAGES,
  /** Refused: the item's bytes would exceed the key's byte quota. */
  OVER_MAX_BYTES;

  /** Whether the upload may go on. */
  public boolean fits() {
    return this != OVER_MAX_IMAGES && this != OVER_MAX_BYTES;
  }

  /** The quota a refusal names, as clients see it: {@code max_images} or {@code max_bytes}. */
  public String quotaName() {
    return switch (this) {
      case OVER_MAX_IMAGES -> "max_images";
      case OVER_MAX_BYTES -> "max_bytes";
      default -> throw new IllegalStateException(this + " names no quota");
    };
  }
}
