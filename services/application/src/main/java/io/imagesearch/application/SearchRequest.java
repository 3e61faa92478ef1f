package io.imagesearch.application;

import io.imagesearch.core.search.SearchFilter;

/**
 * Paging, filters and score threshold shared by every kind of search.
 *
 * @param limit hits per page, 1..{@value #MAX_LIMIT}
 * @param offset hits skipped, 0..{@value #MAX_OFFSET}
 * @param filter scalar conditions
 * @param minScore lowest cosine similarity returned, -1..1
 */
public record SearchRequest(int limit, int offset, SearchFilter filter, float minScore) {

  public static final int MAX_LIMIT = 200;
  public static final int MAX_OFFSET = 10_000;

  public SearchRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidRequestException(
          "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    if (offset < 0 || offset > MAX_OFFSET) {
      throw new InvalidRequestException(
          "offset must be between 0 and " + MAX_OFFSET + ", got " + offset);
    }
    if (Float.isNaN(minScore) || minScore < -1 || minScore > 1) {
      throw new InvalidRequestException("min_score must be between -1 and 1, got " + minScore);
    }
  }

  public static SearchRequest firstPage(int limit) {
    return new SearchRequest(limit, 0, SearchFilter.NONE, -1f);
  }
}
