package io.imagesearch.core.search;

import java.util.List;

/**
 * A keyword search: the images whose words ({@link KeywordTerms#ofImage}) match any of the terms,
 * ranked by BM25.
 *
 * @param terms the query's words, as {@link KeywordTerms#ofQuery} splits them
 * @param limit how many hits to return, at least 1
 * @param filter scalar conditions every hit meets
 */
public record KeywordQuery(List<String> terms, int limit, SearchFilter filter) {

  public KeywordQuery {
    terms = List.copyOf(terms);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
  }
}
