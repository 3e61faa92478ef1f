package io.imagesearch.core.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Rules every vector index adapter shares: one store per vector space (model id and dimension),
 * named so a model change never mixes spaces, and the vectors cosine similarity can rank.
 */
public final class VectorSpaces {
  private VectorSpaces() {}

  private static final int MAX_READABLE_LENGTH = 80;

  /**
   * The model id as a name made only of lowercase letters, digits and the characters of {@code
   * allowed} (as written inside a regex character class, e.g. {@code "_-"}), runs of anything else
   * replaced by {@code separator}, at most 80 readable characters. An id that had to be altered
   * gets a hash of the original appended, so two different ids never share a name (lowercase only
   * also keeps "CLIP" and "clip" apart on case-insensitive file systems).
   */
  public static String safeModelName(String modelId, String allowed, char separator) {
    if (modelId == null || modelId.isBlank()) {
      throw new IllegalArgumentException("model id must not be blank");
    }
    String sep = Pattern.quote(String.valueOf(separator));
    String readable =
        modelId
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9" + allowed + "]+", String.valueOf(separator))
            .replaceAll("^(" + sep + ")+|(" + sep + ")+$", "");
    if (readable.isEmpty()) {
      readable = "model";
    }
    if (readable.length() > MAX_READABLE_LENGTH) {
      readable = readable.substring(0, MAX_READABLE_LENGTH);
    }
    return readable.equals(modelId) ? readable : readable + separator + shortHash(modelId);
  }

  /** Refuses what cosine cannot rank: a wrong length, a non-finite component, all zeros. */
  public static void checkVector(float[] vector, int dimension, String what) {
    Objects.requireNonNull(vector, what);
    if (vector.length != dimension) {
      throw new IllegalArgumentException(
          what + " has dimension " + vector.length + " but this index has dimension " + dimension);
    }
    boolean zero = true;
    for (float x : vector) {
      if (!Float.isFinite(x)) {
        throw new IllegalArgumentException(what + " has a non-finite component: " + x);
      }
      zero &= x == 0f;
    }
    if (zero) {
      throw new IllegalArgumentException(what + " is all zeros: it has no cosine similarity");
    }
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
