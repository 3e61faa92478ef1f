package io.imagesearch.index.milvus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Collection name of one model and dimension, {@code images_<model>_d<dim>}, so a model change
 * never mixes vector spaces. Milvus allows letters, digits and underscores, at most 255 characters;
 * any model id that had to be altered gets a hash of the original appended, so two different ids
 * never share a collection.
 */
final class CollectionName {

  private static final int MAX_READABLE_LENGTH = 80;

  private CollectionName() {}

  static String of(String modelId, int dimension) {
    if (modelId == null || modelId.isBlank()) {
      throw new IllegalArgumentException("model id must not be blank");
    }
    String readable =
        modelId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    if (readable.isEmpty()) {
      readable = "model";
    }
    if (readable.length() > MAX_READABLE_LENGTH) {
      readable = readable.substring(0, MAX_READABLE_LENGTH);
    }
    String name = readable.equals(modelId) ? readable : readable + "_" + shortHash(modelId);
    return "images_" + name + "_d" + dimension;
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
