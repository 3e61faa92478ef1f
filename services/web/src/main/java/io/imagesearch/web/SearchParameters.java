package io.imagesearch.web;

import io.imagesearch.application.InvalidRequestException;
import io.imagesearch.application.SearchRequest;
import io.imagesearch.application.Tags;
import io.imagesearch.core.search.SearchFilter;
import io.imagesearch.imaging.ImageFormat;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Turns query parameters into a validated {@link SearchRequest}. */
final class SearchParameters {
  private SearchParameters() {}

  static SearchRequest parse(
      int limit,
      int offset,
      String from,
      String to,
      List<String> mimeTypes,
      List<String> tags,
      float minScore) {
    return new SearchRequest(limit, offset, filter(from, to, mimeTypes, tags), minScore);
  }

  /** The scalar conditions of a search or a library page. */
  static SearchFilter filter(String from, String to, List<String> mimeTypes, List<String> tags) {
    Set<String> mimes = new HashSet<>();
    for (String mime : mimeTypes == null ? List.<String>of() : mimeTypes) {
      for (String part : mime.split(",")) {
        if (part.isBlank()) {
          continue;
        }
        String type =
            ImageFormat.fromMimeType(part.strip())
                .map(ImageFormat::mimeType)
                .orElseThrow(
                    () ->
                        new InvalidRequestException(
                            "mime_type \""
                                + Problems.abbreviate(part)
                                + "\" is not one of image/jpeg,"
                                + " image/png, image/gif, image/webp, image/bmp"));
        mimes.add(type);
      }
    }
    return new SearchFilter(
        instant("from", from),
        instant("to", to),
        mimes,
        Tags.parse(tags == null ? List.of() : tags));
  }

  private static Optional<Instant> instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value.strip()));
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(
            java.time.LocalDate.parse(value.strip())
                .atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant());
      } catch (DateTimeParseException again) {
        throw new InvalidRequestException(
            name
                + " must be an ISO-8601 date (2024-05-01) or instant (2024-05-01T12:00:00Z), got \""
                + Problems.abbreviate(value)
                + "\"");
      }
    }
  }
}
