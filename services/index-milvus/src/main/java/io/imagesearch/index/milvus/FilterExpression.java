package io.imagesearch.index.milvus;

import io.imagesearch.core.search.SearchFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds the Milvus boolean expression of a {@link SearchFilter}. Injection-safe by construction:
 * field names are constants, numbers are Java longs, and every string is a validated tag or MIME
 * type that {@link #quote} turns into one double-quoted literal. A value that fails validation
 * makes the whole filter match nothing (no stored entry can carry it) instead of reaching Milvus.
 */
final class FilterExpression {

  /** What the filter compiles to. */
  sealed interface Compiled {}

  /** No condition: search everything. */
  record MatchAll() implements Compiled {}

  /** A value no entry can carry: the answer is empty without asking Milvus. */
  record MatchNothing(String reason) implements Compiled {}

  /** A Milvus boolean expression. */
  record Expression(String text) implements Compiled {}

  private FilterExpression() {}

  static Compiled of(SearchFilter filter) {
    List<String> all = new ArrayList<>();
    filter.createdFrom().ifPresent(from -> all.add(createdAtLeast(from)));
    filter.createdTo().ifPresent(to -> all.add(createdBefore(to)));
    if (!filter.mimeTypes().isEmpty()) {
      Optional<String> invalid =
          filter.mimeTypes().stream().filter(m -> !FilterValues.isMimeType(m)).findAny();
      if (invalid.isPresent()) {
        return new MatchNothing("not a MIME type: " + abbreviate(invalid.get()));
      }
      all.add(ImageSchema.MIME_TYPE + " in " + stringList(filter.mimeTypes()));
    }
    if (!filter.tags().isEmpty()) {
      Optional<String> invalid =
          filter.tags().stream().filter(t -> !FilterValues.isTag(t)).findAny();
      if (invalid.isPresent()) {
        return new MatchNothing("not a valid tag: " + abbreviate(invalid.get()));
      }
      all.add("ARRAY_CONTAINS_ALL(" + ImageSchema.TAGS + ", " + stringList(filter.tags()) + ")");
    }
    if (all.isEmpty()) {
      return new MatchAll();
    }
    return new Expression(
        all.stream().map(c -> "(" + c + ")").collect(Collectors.joining(" and ")));
  }

  /**
   * {@code createdAt >= from}, exact to the nanosecond: seconds and nanos are two fields, compared
   * lexicographically.
   */
  static String createdAtLeast(Instant from) {
    String s = number(from.getEpochSecond());
    if (from.getNano() == 0) {
      return ImageSchema.CREATED_AT + " >= " + s;
    }
    return ImageSchema.CREATED_AT
        + " > "
        + s
        + " or ("
        + ImageSchema.CREATED_AT
        + " == "
        + s
        + " and "
        + ImageSchema.CREATED_AT_NANOS
        + " >= "
        + number(from.getNano())
        + ")";
  }

  /** {@code createdAt < to}, exact to the nanosecond. */
  static String createdBefore(Instant to) {
    String s = number(to.getEpochSecond());
    if (to.getNano() == 0) {
      return ImageSchema.CREATED_AT + " < " + s;
    }
    return ImageSchema.CREATED_AT
        + " < "
        + s
        + " or ("
        + ImageSchema.CREATED_AT
        + " == "
        + s
        + " and "
        + ImageSchema.CREATED_AT_NANOS
        + " < "
        + number(to.getNano())
        + ")";
  }

  static String number(long value) {
    return Long.toString(value);
  }

  /** {@code ["a", "b"]} of quoted literals, sorted so equal filters give equal expressions. */
  static String stringList(Collection<String> values) {
    return values.stream()
        .sorted()
        .map(FilterExpression::quote)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /**
   * One double-quoted Milvus string literal holding exactly {@code value}. Backslash and double
   * quote are escaped, as are CR, LF and tab (a raw line break ends a literal in Milvus's grammar);
   * other control characters have no escape both Milvus and Milvus Lite understand and are refused.
   * Everything else, including any Unicode, is literal text inside the quotes.
   */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            throw new IllegalArgumentException(
                "control character U+%04X cannot be put in a filter".formatted((int) c));
          }
          out.append(c);
        }
      }
    }
    return out.append('"').toString();
  }

  private static String abbreviate(String value) {
    return value.length() <= 60 ? value : value.substring(0, 60) + "...";
  }
}
