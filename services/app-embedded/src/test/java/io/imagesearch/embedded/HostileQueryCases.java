package io.imagesearch.embedded;

import io.imagesearch.embedded.HostileCase.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Hostile parameters on the reading routes: search texts at and past their limit and in every
 * corner of Unicode, query syntax of other systems, numbers out of range or not numbers, dates at
 * the ends of time, ids that are not ids, and the task routes' limits.
 */
final class HostileQueryCases {
  private HostileQueryCases() {}

  private static final String SEARCH = "/api/v1/search?text=";
  private static final String IDS = "/api/v1/image/search?text=";

  static Stream<HostileCase> cases() {
    return Stream.of(texts(), paging(), filters(), ids(), tasks()).flatMap(List::stream);
  }

  private static List<HostileCase> texts() {
    return List.of(
        // Longer texts are read up to 1000 characters (the model sees at most 77 tokens anyway).
        HostileCase.get("a text of 1000 characters", SEARCH + "a".repeat(1000), 200),
        HostileCase.get("a text of 1001 characters, cut", SEARCH + "a".repeat(1001), 200),
        HostileCase.get(
            "1000 emoji (2000 UTF-16 units), cut",
            SEARCH + encode("\uD83D\uDC31".repeat(1000)),
            200),
        HostileCase.get(
            "a text of 10,000 characters to the original route, cut",
            IDS + "a".repeat(10_000),
            200),
        HostileCase.get("no text", "/api/v1/search", 400),
        HostileCase.get("an empty text", SEARCH, 400),
        HostileCase.get("a text of spaces only", SEARCH + "%20%20%20", 400),
        HostileCase.get("a text with NUL bytes", SEARCH + "cat%00%00dog", 200),
        HostileCase.get("a text of zero-width joiners", SEARCH + encode("\u200D".repeat(500)), 200),
        HostileCase.get(
            "a letter under 900 combining marks", SEARCH + encode("a" + "\u0301".repeat(900)), 200),
        HostileCase.get(
            "a right-to-left override and a BOM", SEARCH + encode("\u202Etac\uFEFF"), 200),
        HostileCase.get("a noncharacter", SEARCH + "%EF%BF%BF", 200),
        HostileCase.get("an encoded lone surrogate", SEARCH + "%ED%A0%80", 400),
        HostileCase.get("an overlong encoding of '/'", SEARCH + "%C0%AF", 400),
        HostileCase.get("a text with CR LF", SEARCH + "cat%0D%0ASet-Cookie:%20x=1", 200),
        HostileCase.get(
            "Lucene query syntax", SEARCH + encode("*:* OR id:(a AND b)~2^10 [* TO *]"), 200),
        HostileCase.get("SQL", SEARCH + encode("' OR 1=1; DROP TABLE images; --"), 200),
        HostileCase.get("a text parameter twice", SEARCH + "cat&text=dog", 200),
        HostileCase.get("an encoded '&' and '=' in the text", SEARCH + "a%26limit%3D9999", 200));
  }

  private static List<HostileCase> paging() {
    return List.of(
        HostileCase.get("limit 0", SEARCH + "cat&limit=0", 400),
        HostileCase.get("limit -1", SEARCH + "cat&limit=-1", 400),
        HostileCase.get("limit 201", SEARCH + "cat&limit=201", 400),
        HostileCase.get("limit 2^31, past an int", SEARCH + "cat&limit=2147483648", 400),
        HostileCase.get("limit 1e3", SEARCH + "cat&limit=1e3", 400),
        HostileCase.get("limit 0x10", SEARCH + "cat&limit=0x10", 200),
        HostileCase.get("an empty limit", SEARCH + "cat&limit=", 200),
        HostileCase.get(
            "limit in full-width digits", SEARCH + "cat&limit=" + encode("\uFF15"), 200),
        HostileCase.get("limit twice", SEARCH + "cat&limit=5&limit=10", 200),
        HostileCase.get("offset -1", SEARCH + "cat&offset=-1", 400),
        HostileCase.get("offset 10000, the largest allowed", SEARCH + "cat&offset=10000", 200),
        HostileCase.get("offset 10001", SEARCH + "cat&offset=10001", 400),
        HostileCase.get("limit 201 on the original route", IDS + "cat&limit=201", 400),
        HostileCase.get("limit -5 on the original route", IDS + "cat&limit=-5", 400),
        HostileCase.get("min_score NaN", SEARCH + "cat&min_score=NaN", 400),
        HostileCase.get("min_score Infinity", SEARCH + "cat&min_score=Infinity", 400),
        HostileCase.get("min_score 1e39", SEARCH + "cat&min_score=1e39", 400),
        HostileCase.get("min_score -1.5", SEARCH + "cat&min_score=-1.5", 400),
        HostileCase.get(
            "999 parameters, within the limit",
            SEARCH
                + "cat&"
                + IntStream.range(0, 998)
                    .mapToObj(i -> "p" + i + "=1")
                    .collect(Collectors.joining("&")),
            200));
  }

  private static List<HostileCase> filters() {
    return List.of(
        HostileCase.get(
            "from the last instant Java knows",
            SEARCH + "cat&from=%2B1000000000-12-31T23:59:59Z",
            200),
        HostileCase.get(
            "to the first instant Java knows", SEARCH + "cat&to=-1000000000-01-01T00:00:00Z", 200),
        HostileCase.get("from 13/45", SEARCH + "cat&from=2024-13-45", 400),
        HostileCase.get("from after to", SEARCH + "cat&from=2030-01-01&to=2000-01-01", 200),
        HostileCase.get("from of 10,000 digits", SEARCH + "cat&from=" + "9".repeat(10_000), 400),
        HostileCase.get(
            "a mime type that is not an image", SEARCH + "cat&mime_type=text/html", 400),
        HostileCase.get("a mime type in capitals", SEARCH + "cat&mime_type=IMAGE/PNG", 200),
        HostileCase.get(
            "a mime type 500 times", SEARCH + "cat&" + "mime_type=image/png&".repeat(500), 200),
        HostileCase.get(
            "21 tags",
            SEARCH
                + "cat&tag="
                + IntStream.range(0, 21).mapToObj(i -> "t" + i).collect(Collectors.joining(",")),
            400),
        HostileCase.get("a tag of 41 letters", SEARCH + "cat&tag=" + "a".repeat(41), 400),
        HostileCase.get("a tag with a NUL", SEARCH + "cat&tag=a%00b", 400),
        HostileCase.get("a tag of SQL", SEARCH + "cat&tag=" + encode("x') OR ('1'='1"), 400),
        HostileCase.get("a tag in Devanagari", SEARCH + "cat&tag=" + encode("हिंदी"), 200));
  }

  /** Ids that are not 64 lowercase hex digits, each on every GET route that takes an id. */
  private static final Map<String, String> NOT_AN_ID =
      Map.of(
          "63 hex digits", "a".repeat(63),
          "65 hex digits", "a".repeat(65),
          "capitals", "A".repeat(64),
          "Arabic-Indic digits", encode("\u0661".repeat(64)),
          "full-width letters", encode("\uFF41".repeat(64)),
          "10,000 characters", "a".repeat(10_000));

  private static final List<String> ID_ROUTES =
      List.of("/api/v1/images/%s", "/api/v1/images/%s/similar", "/images/%s", "/thumbnails/%s");

  private static List<HostileCase> ids() {
    List<HostileCase> cases = new ArrayList<>();
    for (String route : ID_ROUTES) {
      new java.util.TreeMap<>(NOT_AN_ID)
          .forEach(
              (what, id) ->
                  cases.add(
                      HostileCase.get(
                          "an id of " + what + " on " + route, route.formatted(id), 404)));
    }
    cases.addAll(otherIds());
    return cases;
  }

  private static List<HostileCase> otherIds() {
    return List.of(
        HostileCase.get("an id of encoded dots", "/api/v1/images/%2e%2e", 400),
        HostileCase.get("an id with a semicolon", "/api/v1/images/a;b", 400),
        HostileCase.get("an id with an encoded backslash", "/api/v1/images/..%5c..%5cwin.ini", 400),
        HostileCase.get("an unknown id", "/api/v1/images/" + "b".repeat(64), 404),
        HostileCase.get(
            "similar to an unknown id", "/api/v1/images/" + "b".repeat(64) + "/similar", 404),
        HostileCase.getForImage(
            "similar with limit 0", id -> "/api/v1/images/" + id + "/similar?limit=0", 400),
        HostileCase.getForImage(
            "similar with min_score 2", id -> "/api/v1/images/" + id + "/similar?min_score=2", 400),
        HostileCase.getForImage(
            "similar with offset 10001",
            id -> "/api/v1/images/" + id + "/similar?offset=10001",
            400),
        HostileCase.getForImage(
            "duplicates within distance -1",
            id -> "/api/v1/images/" + id + "/duplicates?max_distance=-1",
            400),
        HostileCase.getForImage(
            "duplicates within distance 65",
            id -> "/api/v1/images/" + id + "/duplicates?max_distance=65",
            400),
        HostileCase.getForImage(
            "duplicates within distance abc",
            id -> "/api/v1/images/" + id + "/duplicates?max_distance=abc",
            400),
        HostileCase.getForImage(
            "duplicates within distance 64, the most allowed",
            id -> "/api/v1/images/" + id + "/duplicates?max_distance=64",
            200),
        HostileCase.of(
            "delete an id that is not one",
            HostileRequest.delete("/api/v1/images/not-an-id"),
            Answer.status(404)),
        HostileCase.of(
            "delete an unknown id",
            HostileRequest.delete("/api/v1/images/" + "c".repeat(64)),
            Answer.status(404)),
        HostileCase.of(
            "delete a traversal",
            HostileRequest.delete("/api/v1/images/..%2F..%2Fapi-keys.db"),
            Answer.status(400)),
        HostileCase.of(
            "delete with a body",
            HostileRequest.delete("/api/v1/images/" + "d".repeat(64))
                .header("Content-Type: application/json"),
            Answer.status(404)),
        HostileCase.of(
            "delete a thumbnail",
            HostileRequest.delete("/thumbnails/" + "d".repeat(64)),
            Answer.status(405)),
        HostileCase.of(
            "delete the whole collection",
            HostileRequest.delete("/api/v1/images"),
            Answer.status(405)));
  }

  private static List<HostileCase> tasks() {
    return List.of(
        HostileCase.get("tasks limit 0", "/api/v1/tasks?limit=0", 400),
        HostileCase.get("tasks limit 1001", "/api/v1/tasks?limit=1001", 400),
        HostileCase.get("tasks limit abc", "/api/v1/tasks?limit=abc", 400),
        HostileCase.get("tasks limit 1000, the most allowed", "/api/v1/tasks?limit=1000", 200),
        HostileCase.get("a task id that is not a UUID", "/api/v1/tasks/not-a-uuid", 404),
        HostileCase.get(
            "an unknown task", "/api/v1/ingest/00000000-0000-0000-0000-000000000000", 404),
        HostileCase.get(
            "a task id of 10,000 characters", "/api/v1/ingest/" + "f".repeat(10_000), 404),
        HostileCase.get("a task id that is markup", "/api/v1/ingest/%3Cscript%3E", 404),
        HostileCase.of(
            "a task id in capitals",
            stored -> HostileRequest.get("/api/v1/tasks/" + stored.taskId().toUpperCase()),
            Answer.status(404)));
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
