package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.embedded.HostileCase.Answer;
import io.imagesearch.testsupport.RawHttp;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Hostile Range and conditional headers on image and thumbnail delivery, and paths beside an
 * image's. A refused range is 416 without the image; a conditional request answers 200, 206, 304 or
 * 412, never an error of the server.
 */
final class HostileDeliveryCases {
  private HostileDeliveryCases() {}

  static Stream<HostileCase> cases() {
    return Stream.of(ranges("/images/"), ranges("/thumbnails/"), conditions(), paths())
        .flatMap(List::stream);
  }

  private static List<HostileCase> ranges(String route) {
    String what = route.equals("/images/") ? "image" : "thumbnail";
    return List.of(
        ranged(what + ": the first byte", route, "bytes=0-0", 206),
        ranged(what + ": 100 ranges", route, "bytes=" + ranges(100), 206),
        ranged(what + ": 1000 ranges", route, "bytes=" + ranges(1000), 416),
        ranged(
            what + ": 60 overlapping whole-file ranges",
            route,
            "bytes=" + IntStream.range(0, 60).mapToObj(i -> "0-").collect(Collectors.joining(",")),
            416),
        ranged(what + ": the last zero bytes", route, "bytes=-0", 416),
        ranged(what + ": a backwards range", route, "bytes=5-1", 416),
        ranged(what + ": a range past a long", route, "bytes=0-99999999999999999999", 416),
        ranged(what + ": another unit", route, "items=0-1", 416),
        ranged(what + ": no range at all", route, "bytes=", 416),
        ranged(what + ": 10 KB of one range", route, "bytes=" + "0".repeat(10_000) + "-1", 206),
        ranged(what + ": a negative start", route, "bytes=-5-10", 416));
  }

  private static String ranges(int count) {
    return IntStream.range(0, count).mapToObj(i -> i + "-" + i).collect(Collectors.joining(","));
  }

  private static HostileCase ranged(String name, String route, String range, Integer... statuses) {
    Answer answer = Answer.status(statuses);
    if (List.of(statuses).contains(416)) {
      answer =
          answer.and("416 carries the length, not the image", HostileDeliveryCases::noImageIn416);
    }
    return HostileCase.of(
        "Range " + name,
        stored -> HostileRequest.get(route + stored.imageId()).header("Range: " + range),
        answer);
  }

  private static void noImageIn416(RawHttp.Response response) {
    if (response.status() == 416) {
      assertThat(response.header("Content-Range")).startsWith("bytes */");
      assertThat(response.text()).doesNotContain("PNG").doesNotContain("JFIF");
    }
  }

  private static List<HostileCase> conditions() {
    return List.of(
        conditional("If-None-Match: *", "If-None-Match: *", 304),
        conditional("its own ETag", null, 304),
        conditional("a weak form of its ETag", "W/", 304),
        conditional(
            "If-None-Match of 1000 ETags",
            "If-None-Match: "
                + IntStream.range(0, 1000)
                    .mapToObj(i -> "\"e" + i + "\"")
                    .collect(Collectors.joining(",")),
            200),
        conditional("If-None-Match without quotes", "If-None-Match: abc", 200),
        conditional("If-Modified-Since that is not a date", "If-Modified-Since: yesterday", 200),
        conditional(
            "If-Modified-Since in the year 9999",
            "If-Modified-Since: Fri, 31 Dec 9999 23:59:59 GMT",
            200),
        conditional(
            "If-Modified-Since before 1970",
            "If-Modified-Since: Mon, 01 Jan 1900 00:00:00 GMT",
            200),
        conditional(
            "If-Unmodified-Since in 1970",
            "If-Unmodified-Since: Thu, 01 Jan 1970 00:00:00 GMT",
            200),
        conditional("If-Match of another ETag", "If-Match: \"nope\"", 200),
        conditional("If-Range that is not a date with a Range", "If-Range: garbage", 200),
        HostileCase.of(
            "HEAD with a Range",
            stored -> HostileRequest.head("/images/" + stored.imageId()).header("Range: bytes=0-9"),
            Answer.status(206)),
        HostileCase.of(
            "a thumbnail with If-None-Match: *",
            stored ->
                HostileRequest.get("/thumbnails/" + stored.imageId()).header("If-None-Match: *"),
            Answer.status(304)),
        HostileCase.of(
            "a thumbnail with the original's ETag, another representation",
            stored ->
                HostileRequest.get("/thumbnails/" + stored.imageId())
                    .header("If-None-Match: \"" + stored.imageId() + "\""),
            Answer.status(200)));
  }

  /** A GET of the stored image with {@code header}; null sends its own ETag, "W/" its weak form. */
  private static HostileCase conditional(String name, String header, Integer... statuses) {
    return HostileCase.of(
        "conditional " + name,
        stored -> {
          String etag = "\"" + stored.imageId() + "\"";
          String sent =
              header == null
                  ? "If-None-Match: " + etag
                  : header.equals("W/") ? "If-None-Match: W/" + etag : header;
          return HostileRequest.get("/images/" + stored.imageId()).header(sent);
        },
        Answer.status(statuses));
  }

  private static List<HostileCase> paths() {
    return List.of(
        HostileCase.getForImage("an id with an extension", id -> "/images/" + id + ".png", 404),
        HostileCase.getForImage("an id with a trailing slash", id -> "/images/" + id + "/", 404),
        HostileCase.getForImage("an id and a NUL", id -> "/images/" + id + "%00", 400),
        HostileCase.getForImage("an id and an encoded slash", id -> "/images/" + id + "%2F..", 400),
        HostileCase.getForImage("an id of the key database", id -> "/images/..%2Fapi-keys.db", 400),
        HostileCase.getForImage("an unknown thumbnail", id -> "/thumbnails/" + "e".repeat(64), 404),
        HostileCase.getForImage(
            "a thumbnail of a traversal", id -> "/thumbnails/../../etc/passwd", 400));
  }
}
