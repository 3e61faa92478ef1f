package io.imagesearch.index.milvus;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.search.LibraryPosition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * One page of the library, newest first, from a Milvus that cannot sort by a scalar field (a
 * query's ORDER BY came with Milvus 3.0; the platform runs 2.5). The ids and instants of the
 * entries after the page's place are read in batches and the newest {@code limit} kept; their
 * metadata is then read by id. A page therefore reads two numbers and an id of every entry older
 * than its place: a few MB per page in a library of 100,000 images.
 */
final class NewestPage {

  /** Rows per round trip of the scan: ids and two numbers, well under a MB. */
  static final long SCAN_BATCH = 4096;

  /** The fields the scan reads. */
  static final List<String> SCAN_FIELDS =
      List.of(ImageSchema.ID, ImageSchema.CREATED_AT, ImageSchema.CREATED_AT_NANOS);

  private final int limit;
  // The newest seen so far, oldest at the head, so it is the one to drop.
  private final PriorityQueue<LibraryPosition> kept;

  NewestPage(int limit) {
    this.limit = limit;
    this.kept = new PriorityQueue<>(LibraryPosition.NEWEST_FIRST.reversed());
  }

  /**
   * The entries after {@code after} in the library's order: older, or of the same instant with a
   * greater id. Instants compare exactly, as the filter's bounds do.
   */
  static String after(LibraryPosition after) {
    Instant at = after.createdAt();
    return "("
        + FilterExpression.createdBefore(at)
        + ") or ("
        + ImageSchema.CREATED_AT
        + " == "
        + FilterExpression.number(at.getEpochSecond())
        + " and "
        + ImageSchema.CREATED_AT_NANOS
        + " == "
        + FilterExpression.number(at.getNano())
        + " and "
        + ImageSchema.ID
        + " > "
        + FilterExpression.quote(after.id().hex())
        + ")";
  }

  /** The whole expression of a page: the filter's, if any, and the place's, if any. */
  static String expression(Optional<String> filter, Optional<LibraryPosition> after) {
    Optional<String> place = after.map(NewestPage::after);
    if (filter.isPresent() && place.isPresent()) {
      return "(" + filter.get() + ") and (" + place.get() + ")";
    }
    return filter.or(() -> place).orElse("");
  }

  /** Takes one scanned row (the {@link #SCAN_FIELDS}). */
  void offer(Map<String, Object> row) {
    kept.add(
        new LibraryPosition(
            Instant.ofEpochSecond(
                ((Number) row.get(ImageSchema.CREATED_AT)).longValue(),
                ((Number) row.get(ImageSchema.CREATED_AT_NANOS)).intValue()),
            new ImageId((String) row.get(ImageSchema.ID))));
    if (kept.size() > limit) {
      kept.poll();
    }
  }

  /** The page's places, newest first. */
  List<LibraryPosition> positions() {
    return kept.stream().sorted(LibraryPosition.NEWEST_FIRST).toList();
  }
}
