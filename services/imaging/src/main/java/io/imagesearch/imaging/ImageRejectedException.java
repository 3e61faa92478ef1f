package io.imagesearch.imaging;

/**
 * The bytes are not an image this service can take. The message says what was wrong in words a user
 * can act on; {@link #reason()} is a stable code for clients and metrics.
 */
public class ImageRejectedException extends RuntimeException {

  /** Why an image was refused. */
  public enum Reason {
    EMPTY,
    UNSUPPORTED_FORMAT,
    CORRUPT,
    TOO_LARGE,
    TOO_SMALL,
    ANIMATED,
    /** One side is too many times the other (see {@link DecoderLimits#maxAspectRatio()}). */
    EXTREME_ASPECT_RATIO,
    /** More data follows the end of the image than the image itself (see {@link TrailingData}). */
    TRAILING_DATA
  }

  private final Reason reason;

  public ImageRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ImageRejectedException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
