package io.imagesearch.imaging;

import java.util.Optional;

/** The image formats accepted, recognised by their leading bytes, never by a client's claim. */
public enum ImageFormat {
  JPEG("image/jpeg", "jpg"),
  PNG("image/png", "png"),
  GIF("image/gif", "gif"),
  WEBP("image/webp", "webp"),
  BMP("image/bmp", "bmp");

  private final String mimeType;
  private final String extension;

  ImageFormat(String mimeType, String extension) {
    this.mimeType = mimeType;
    this.extension = extension;
  }

  public String mimeType() {
    return mimeType;
  }

  public String extension() {
    return extension;
  }

  /** Bytes needed by {@link #sniff}. */
  public static final int SNIFF_LENGTH = 12;

  /** The format whose signature {@code head} starts with, if any. */
  public static Optional<ImageFormat> sniff(byte[] head) {
    if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(PNG);
    }
    if (startsWith(head, 'G', 'I', 'F', '8') && head.length > 5 && head[5] == 'a') {
      return Optional.of(GIF);
    }
    if (startsWith(head, 'R', 'I', 'F', 'F')
        && head.length >= 12
        && head[8] == 'W'
        && head[9] == 'E'
        && head[10] == 'B'
        && head[11] == 'P') {
      return Optional.of(WEBP);
    }
    if (startsWith(head, 'B', 'M') && head.length >= 6) {
      return Optional.of(BMP);
    }
    return Optional.empty();
  }

  public static Optional<ImageFormat> fromMimeType(String mimeType) {
    for (ImageFormat format : values()) {
      if (format.mimeType.equalsIgnoreCase(mimeType)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] bytes, int... signature) {
    if (bytes.length < signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if ((bytes[i] & 0xFF) != signature[i]) {
        return false;
      }
    }
    return true;
  }
}
