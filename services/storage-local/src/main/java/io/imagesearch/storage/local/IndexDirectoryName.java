package io.imagesearch.storage.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Directory name of the index of one model and dimension, so a model change never mixes vector
 * spaces. Readable ids keep their name; any id that had to be altered to be a safe, portable file
 * name gets a hash of the original appended, so two different ids never share a directory.
 */
final class IndexDirectoryName {

  private static final int MAX_READABLE_LENGTH = 80;

  private IndexDirectoryName() {}

  static String of(String modelId, int dimension) {
    if (modelId == null || modelId.isBlank()) {
      throw new IllegalArgumentException("model id must not be blank");
    }
    // Lowercase only: on case-insensitive file systems "CLIP" and "clip" would be one directory.
    String readable =
        modelId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
    if (readable.isEmpty()) {
      readable = "model";
    }
    if (readable.length() > MAX_READABLE_LENGTH) {
      readable = readable.substring(0, MAX_READABLE_LENGTH);
    }
    String name = readable.equals(modelId) ? readable : readable + "-" + shortHash(modelId);
    return name + "-d" + dimension;
  }

  private static String shortHash(String modelId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(modelId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
