package io.imagesearch.web;

import io.imagesearch.application.InvalidRequestException;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.search.LibraryPosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code after} value of a library page: the place of the last image of the page before, as
 * {@code <epoch seconds>.<nanoseconds>.<image id>}. Clients pass back the {@code next} they were
 * given; the format is stated so a malformed one can be refused with a reason.
 */
final class LibraryCursor {

  private static final Pattern FORMAT =
      Pattern.compile("(-?\\d{1,19})\\.(\\d{9})\\.([0-9a-f]{64})");

  private LibraryCursor() {}

  static String format(LibraryPosition position) {
    Instant at = position.createdAt();
    return at.getEpochSecond()
        + "."
        + String.format("%09d", at.getNano())
        + "."
        + position.id().hex();
  }

  static Optional<LibraryPosition> parse(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = FORMAT.matcher(value);
    if (m.matches()) {
      try {
        Instant at = Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        return Optional.of(new LibraryPosition(at, new ImageId(m.group(3))));
      } catch (NumberFormatException | DateTimeException e) {
        // refused below with the same reason
      }
    }
    throw new InvalidRequestException(
        "after \""
            + Problems.abbreviate(value)
            + "\" is not a place in the library: pass the \"next\" value of the page before");
  }
}
