package io.imagesearch.storage.local;

/** Lucene scores cosine as {@code (1 + cos) / 2} so scores are never negative; callers want cos. */
final class CosineScores {

  private CosineScores() {}

  static float fromLucene(float score) {
    return Math.clamp(2f * score - 1f, -1f, 1f);
  }
}
