package io.imagesearch.core.search;

import java.util.HexFormat;
import java.util.Optional;

/**
 * The rule by which every index adapter draws a sample of its entries: the entries whose ids fall
 * in the lowest {@code n / count} share of the id space. Ids are SHA-256 hashes of the bytes, so
 * that share is a uniform random sample, independent of what the images show and of when they came;
 * it is also stable, so a search gives the same answer while the library stays the same.
 */
public final class IdSample {
  private IdSample() {}

  /**
   * The exclusive upper bound of the ids in a sample of about {@code n} of {@code count} entries:
   * eight hex digits, which an id is below when its first 32 bits are; empty when the sample is
   * every entry.
   */
  public static Optional<String> upperBound(long count, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a sample has at least 1 entry, got " + n);
    }
    if (count <= n) {
      return Optional.empty();
    }
    long bound = (long) Math.ceil((double) n / count * 0x1_0000_0000L);
    return Optional.of(HexFormat.of().toHexDigits((int) Math.min(bound, 0xFFFF_FFFFL)));
  }

  /** At most this many entries are read for a sample of about {@code n}: chance can exceed n. */
  public static int readLimit(int n) {
    return 2 * n;
  }
}
