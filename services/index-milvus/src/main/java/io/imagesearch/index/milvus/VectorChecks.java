package io.imagesearch.index.milvus;

import java.util.Objects;

/** Vectors Milvus would take but cosine cannot rank: wrong length, non-finite, all zeros. */
final class VectorChecks {

  private VectorChecks() {}

  static void check(float[] vector, int dimension, String what) {
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
}
