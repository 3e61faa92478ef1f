package io.imagesearch.core.search;

import java.util.Optional;

/**
 * One page of the library, newest first.
 *
 * @param filter scalar conditions every entry meets
 * @param limit how many entries to return, at least 1
 * @param after the page starts after this place ({@link LibraryPosition#NEWEST_FIRST}); empty for
 *     the first page
 */
public record LibraryQuery(SearchFilter filter, int limit, Optional<LibraryPosition> after) {

  public LibraryQuery {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    after = after == null ? Optional.empty() : after;
  }
}
