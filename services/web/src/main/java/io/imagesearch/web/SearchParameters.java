package io.imagesearch.web;

import io.imagesearch.application.InvalidRequestException;
import io.imagesearch.application.MinScore;
import io.imagesearch.application.ResultOrder;
import io.imagesearch.application.SearchMode;
import io.imagesearch.application.SearchRequest;
import io.imagesearch.application.Tags;
import io.imagesearch.core.search.SearchFilter;
import io.imagesearch.imaging.ImageFormat;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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

  /**
   * A text search's request: {@code min_score} a number or {@code auto}; without one, date order
   * takes {@code auto} (it orders the relevant hits) and relevance order takes none.
   */
  static SearchRequest parse(
      int limit,
      int offset,
      String from,
      String to,
      List<String> mimeTypes,
      List<String> tags,
      String minScore,
      String sort,
      String order) {
    ResultOrder resultOrder = order(sort, order);
    return new SearchRequest(
        limit,
        offset,
        filter(from, to, mimeTypes, tags),
        minScore(minScore, resultOrder),
        resultOrder);
  }

  static SearchMode mode(String value) {
    return switch (lower(value, "semantic")) {
      case "semantic" -> SearchMode.SEMANTIC;
      case "keyword" -> SearchMode.KEYWORD;
      case "hybrid" -> SearchMode.HYBRID;
      default ->
          throw new InvalidRequestException(
              "mode must be semantic, keyword or hybrid, got \""
                  + Problems.abbreviate(value)
                  + "\"");
    };
  }

  private static ResultOrder order(String sort, String order) {
    String by = lower(sort, "relevance");
    String direction = lower(order, "");
    if (by.equals("relevance")) {
      if (!direction.isEmpty()) {
        throw new InvalidRequestException("order applies to sort=date only: leave it out");
      }
      return ResultOrder.RELEVANCE;
    }
    if (!by.equals("date")) {
      throw new InvalidRequestException(
          "sort must be relevance or date, got \"" + Problems.abbreviate(sort) + "\"");
    }
    return switch (direction) {
      case "", "desc" -> ResultOrder.NEWEST_FIRST;
      case "asc" -> ResultOrder.OLDEST_FIRST;
      default ->
          throw new InvalidRequestException(
              "order must be asc or desc, got \"" + Problems.abbreviate(order) + "\"");
    };
  }

  private static MinScore minScore(String value, ResultOrder order) {
    if (value == null || value.isBlank()) {
      return order == ResultOrder.RELEVANCE ? MinScore.NONE : MinScore.AUTO;
    }
    if (value.strip().equalsIgnoreCase("auto")) {
      return MinScore.AUTO;
    }
    try {
      return MinScore.atLeast(Float.parseFloat(value.strip()));
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(
          "min_score must be a number between -1 and 1 or auto, got \""
              + Problems.abbreviate(value)
              + "\"");
    }
  }

  private static String lower(String value, String absent) {
    return value == null || value.isBlank() ? absent : value.strip().toLowerCase(Locale.ROOT);
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
