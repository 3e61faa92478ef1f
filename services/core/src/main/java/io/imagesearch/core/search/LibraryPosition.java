package io.imagesearch.core.search;

import io.imagesearch.core.image.ImageId;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A place in the library's newest-first order: {@code createdAt} descending, then id ascending, so
 * every entry has exactly one place and a page can start right after the last entry of the one
 * before, whatever was added meanwhile.
 */
public record LibraryPosition(Instant createdAt, ImageId id) {

  /** The library's order: newest first, entries of the same instant by id. */
  public static final Comparator<LibraryPosition> NEWEST_FIRST =
      Comparator.comparing(LibraryPosition::createdAt, Comparator.reverseOrder())
          .thenComparing(position -> position.id().hex());

  public LibraryPosition {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(id, "id");
  }

  /** Whether {@code other} comes after this place in the library's order. */
  public boolean isBefore(LibraryPosition other) {
    return NEWEST_FIRST.compare(this, other) < 0;
  }
}
