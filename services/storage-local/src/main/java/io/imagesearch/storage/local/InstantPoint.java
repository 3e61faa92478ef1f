package io.imagesearch.storage.local;

import java.time.Instant;
import org.apache.lucene.document.BinaryPoint;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.NumericUtils;

/**
 * An {@link Instant} as a 12-byte point (sortable epoch seconds, then sortable nanos), so range
 * filters are exact to the nanosecond over the whole Instant range. A LongPoint of epoch nanos
 * would only cover 1677 to 2262, and one of millis would blur the bounds of a range.
 */
final class InstantPoint {

  private static final int BYTES = Long.BYTES + Integer.BYTES;

  private InstantPoint() {}

  static BinaryPoint field(String name, Instant instant) {
    return new BinaryPoint(name, encode(instant));
  }

  /** Instants in {@code [from, to)}; a null bound is open. */
  static Query range(String name, Instant from, Instant to) {
    if (to != null && to.equals(Instant.MIN)) {
      return new MatchNoDocsQuery("nothing is before Instant.MIN");
    }
    byte[] lower = encode(from == null ? Instant.MIN : from);
    byte[] upper = encode(to == null ? Instant.MAX : to.minusNanos(1));
    return BinaryPoint.newRangeQuery(name, lower, upper);
  }

  static byte[] encode(Instant instant) {
    byte[] bytes = new byte[BYTES];
    NumericUtils.longToSortableBytes(instant.getEpochSecond(), bytes, 0);
    NumericUtils.intToSortableBytes(instant.getNano(), bytes, Long.BYTES);
    return bytes;
  }
}
