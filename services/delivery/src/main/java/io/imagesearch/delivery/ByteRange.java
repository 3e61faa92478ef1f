package io.imagesearch.delivery;

/**
 * The one byte range a Range header asks for, parsed as Spring MVC parses it on the main port:
 * {@code bytes=first-last}, {@code bytes=first-} or {@code bytes=-suffix}, several of them comma
 * separated; malformed or unsatisfiable ranges answer 416.
 */
record ByteRange(long first, long last) {

  /** What a Range header means for an object of {@code size} bytes. */
  sealed interface Outcome {}

  /** One satisfiable range: a 206. */
  record Partial(ByteRange range) implements Outcome {}

  /** Several satisfiable ranges: the whole object with 200, as RFC 9110 14.2 allows. */
  record Whole() implements Outcome {}

  /** Malformed, or no range fits: a 416 without the image. */
  record Unsatisfiable() implements Outcome {}

  static Outcome of(String header, long size) {
    if (!header.regionMatches(true, 0, "bytes=", 0, 6)) {
      return new Unsatisfiable();
    }
    String[] specs = header.substring(6).split(",", -1);
    ByteRange only = null;
    for (String spec : specs) {
      ByteRange range = parse(spec.strip(), size);
      if (range == null) {
        return new Unsatisfiable();
      }
      only = range;
    }
    return specs.length == 1 ? new Partial(only) : new Whole();
  }

  long length() {
    return last - first + 1;
  }

  private static ByteRange parse(String spec, long size) {
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      if (dash == 0) {
        long suffix = Long.parseLong(spec.substring(1));
        if (suffix <= 0 || size == 0) {
          return null;
        }
        return new ByteRange(Math.max(0, size - suffix), size - 1);
      }
      long first = Long.parseLong(spec.substring(0, dash));
      String end = spec.substring(dash + 1);
      long last = end.isEmpty() ? size - 1 : Math.min(Long.parseLong(end), size - 1);
      if (first < 0 || first >= size || (!end.isEmpty() && Long.parseLong(end) < first)) {
        return null;
      }
      return new ByteRange(first, last);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
