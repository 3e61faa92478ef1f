package io.imagesearch.core.search;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Scalar conditions a hit must meet, all of them together. Empty sets and absent bounds match
 * everything.
 *
 * @param createdFrom inclusive lower bound on {@code createdAt}
 * @param createdTo exclusive upper bound on {@code createdAt}
 * @param mimeTypes the hit's type is one of these
 * @param tags the hit carries every one of these
 */
public record SearchFilter(
    Optional<Instant> createdFrom,
    Optional<Instant> createdTo,
    Set<String> mimeTypes,
    Set<String> tags) {

  public static final SearchFilter NONE =
      new SearchFilter(Optional.empty(), Optional.empty(), Set.of(), Set.of());

  public SearchFilter {
    mimeTypes = Set.copyOf(mimeTypes);
    tags = Set.copyOf(tags);
  }
}
