package io.imagesearch.application;

/**
 * A file does not fit in its uploader's quota; the message names the quota and what to do. Nothing
 * of that file was stored.
 */
public final class QuotaExceededException extends RuntimeException {

  private final String quota;

  /**
   * @param quota the quota's name as clients see it, e.g. {@code max_images}
   */
  public QuotaExceededException(String quota, String message) {
    super(message);
    this.quota = quota;
  }

  public String quota() {
    return quota;
  }
}
