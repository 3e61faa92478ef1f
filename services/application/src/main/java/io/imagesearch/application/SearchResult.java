package io.imagesearch.application;

import io.imagesearch.core.search.SearchHit;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A page of hits and what the page was cut from.
 *
 * @param hits the page, in the requested order
 * @param relevantCount how many hits are relevant (above the threshold, or matching a word) among
 *     the candidates; empty for a plain semantic search the index pages by itself
 * @param cutoff the cosine threshold the vector hits met: the fixed {@code min_score} or the one
 *     {@code auto} derived; empty when none applied
 */
public record SearchResult(List<SearchHit> hits, OptionalInt relevantCount, OptionalDouble cutoff) {

  public SearchResult {
    hits = List.copyOf(hits);
  }
}
