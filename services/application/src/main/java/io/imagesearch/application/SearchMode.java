package io.imagesearch.application;

/** What a text search matches: the meaning of the text, its words, or both fused. */
public enum SearchMode {
  /** Cosine similarity of the text's embedding to the images'. */
  SEMANTIC,
  /** BM25 of the text's words over the images' file names, tags and camera. */
  KEYWORD,
  /** Both rankings fused by reciprocal rank fusion. */
  HYBRID
}
