package io.imagesearch.application;

/** How the relevant hits are ordered before the page is cut. */
public enum ResultOrder {
  /** Best match first. */
  RELEVANCE,
  /** Latest {@code createdAt} (capture time, else upload time) first; ties best match first. */
  NEWEST_FIRST,
  /** Earliest {@code createdAt} first; ties best match first. */
  OLDEST_FIRST
}
