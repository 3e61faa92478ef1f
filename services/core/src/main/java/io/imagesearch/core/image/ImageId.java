package io.imagesearch.core.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image's identity: the lowercase hex SHA-256 of its original bytes, so the same bytes always
 * get the same id and uploads are idempotent.
 */
public record ImageId(String hex) {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public ImageId {
    if (hex == null || !SHA256_HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException(
          "an image id is 64 lowercase hex characters (a SHA-256), got: " + abbreviate(hex));
    }
  }

  public static ImageId of(byte[] bytes) {
    try {
      return new ImageId(
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Parses untrusted input (a URL segment, a form field); empty when it is not a valid id. */
  public static Optional<ImageId> parse(String candidate) {
    return candidate != null && SHA256_HEX.matcher(candidate).matches()
        ? Optional.of(new ImageId(candidate))
        : Optional.empty();
  }

  /** Prefix of the object keys of every original. */
  public static final String IMAGE_KEY_PREFIX = "images/";

  /** Object key of the original bytes. */
  public String imageKey() {
    return IMAGE_KEY_PREFIX + hex;
  }

  /** The id an original's object key names; empty for any other key. */
  public static Optional<ImageId> fromImageKey(String key) {
    return key != null && key.startsWith(IMAGE_KEY_PREFIX)
        ? parse(key.substring(IMAGE_KEY_PREFIX.length()))
        : Optional.empty();
  }

  /** Object key of the thumbnail. */
  public String thumbnailKey() {
    return "thumbs/" + hex;
  }

  /**
   * Object key of the thumbnail of twice the side, for high-density screens; only images larger
   * than the thumbnail have one.
   */
  public String doubleThumbnailKey() {
    return "thumbs2x/" + hex;
  }

  /** Object keys of every thumbnail the image may have: what deleting it removes. */
  public java.util.List<String> thumbnailKeys() {
    return java.util.List.of(thumbnailKey(), doubleThumbnailKey());
  }

  @Override
  public String toString() {
    return hex;
  }

  private static String abbreviate(String value) {
    if (value == null) {
      return "null";
    }
    return value.length() <= 80 ? value : value.substring(0, 80) + "...";
  }
}
