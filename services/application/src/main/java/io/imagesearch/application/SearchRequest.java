package io.imagesearch.application;

import io.imagesearch.core.search.SearchFilter;
import java.util.Objects;

/**
 * Paging, filters, relevance threshold and order shared by every kind of search.
 *
 * @param limit hits per page, 1..{@value #MAX_LIMIT}
 * @param offset hits skipped, 0..{@value #MAX_OFFSET}
 * @param filter scalar conditions
 * @param minScore which vector hits are relevant
 * @param order how the relevant hits are ordered
 */
public record SearchRequest(
    int limit, int offset, SearchFilter filter, MinScore minScore, ResultOrder order) {

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
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(minScore, "minScore");
    Objects.requireNonNull(order, "order");
  }

  /** Best first, hits at or above {@code minScore} (cosine, -1..1). */
  public SearchRequest(int limit, int offset, SearchFilter filter, float minScore) {
    this(limit, offset, filter, MinScore.atLeast(minScore), ResultOrder.RELEVANCE);
  }

  public static SearchRequest firstPage(int limit) {
    return new SearchRequest(limit, 0, SearchFilter.NONE, -1f);
  }

  /** Best first with a fixed threshold: the index itself can page such a request. */
  boolean pagedByIndex() {
    return order == ResultOrder.RELEVANCE && minScore instanceof MinScore.AtLeast;
  }

  /** The fixed threshold of a request the index pages. */
  float fixedMinScore() {
    if (minScore instanceof MinScore.AtLeast(float cosine)) {
      return cosine;
    }
    throw new InvalidRequestException("min_score=auto is not accepted here: give a number");
  }
}
