package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.embedded.HostileCase.Answer;
import io.imagesearch.embedded.HostileCase.Outcome;
import io.imagesearch.embedded.HostileRequest.Form;
import io.imagesearch.testsupport.HostileImages;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Hostile multipart bodies and form fields on the upload routes: file names that climb out of
 * folders or carry control characters, missing or extra parts, broken boundaries, bodies of other
 * types, tags beyond their limits.
 */
final class HostileUploadCases {
  private HostileUploadCases() {}

  private static final byte[] PNG = HostileImages.ordinary("png");
  private static final String BATCH = "/api/v1/images";
  private static final String INGEST = "/api/v1/ingest";

  static Stream<HostileCase> cases() {
    return Stream.of(fileNames(), parts(), bodies(), tags()).flatMap(List::stream);
  }

  /** Names a client chose; stored as display names only, never as paths. */
  private static List<HostileCase> fileNames() {
    return List.of(
        named("../../etc/passwd.png"),
        named("..\\..\\windows\\win.ini"),
        named("/etc/shadow"),
        named("C:\\boot.ini"),
        named("%2e%2e%2f%2e%2e%2fetc%2fpasswd"),
        named("photo\u202egnp.exe"),
        named("CON"),
        named("\u0000.png"),
        named("\u5199".repeat(255) + ".jpg"),
        HostileCase.of(
            "a file name of 10,000 characters",
            HostileRequest.upload(BATCH, "files", "a".repeat(10_000) + ".png", PNG),
            Answer.status(413)
                .and(
                    "the problem names the part's headers",
                    response ->
                        assertThat(HostileInputIT.json(response).path("type").asText())
                            .endsWith("/part-headers-too-large"))),
        named("<img src=x onerror=alert(1)>.png"),
        named("\u0007\u001b[31mred\u001b[0m.png"),
        HostileCase.of(
            "a file name broken by a line feed into a header",
            HostileRequest.upload(BATCH, "files", "a.png\r\nX-Injected: 1", PNG),
            Answer.accepted(Outcome.SUCCESS)),
        HostileCase.of(
            "an empty file name",
            HostileRequest.upload(INGEST, "file", "", PNG),
            Answer.accepted(Outcome.SUCCESS)));
  }

  private static HostileCase named(String fileName) {
    return HostileCase.of(
        "file name \"" + printable(fileName) + "\"",
        HostileRequest.upload(BATCH, "files", fileName, PNG),
        Answer.accepted(Outcome.SUCCESS)
            .and(
                "the stored name has no path",
                response -> {
                  String stored =
                      HostileInputIT.json(response)
                          .path("accepted")
                          .get(0)
                          .path("file_name")
                          .asText();
                  assertThat(stored)
                      .doesNotContain("/")
                      .doesNotContain("\\")
                      .doesNotContain("\u0000")
                      .doesNotStartWith("..");
                }));
  }

  /** Parts missing, doubled, misnamed. */
  private static List<HostileCase> parts() {
    return List.of(
        HostileCase.of(
            "the file sent as a plain field",
            HostileRequest.upload(INGEST, new Form().field("file", "not a file")),
            Answer.status(400)),
        HostileCase.of(
            "the file part under another name",
            HostileRequest.upload(INGEST, "image", "x.png", PNG),
            Answer.status(400)),
        HostileCase.of(
            "two file parts to the single-file route",
            HostileRequest.upload(
                INGEST, new Form().file("file", "a.png", PNG).file("file", "b.png", PNG)),
            Answer.accepted(Outcome.SUCCESS)),
        HostileCase.of(
            "a batch without files",
            HostileRequest.upload(BATCH, new Form().field("tags", "cat")),
            Answer.status(400)),
        HostileCase.of(
            "a part without a name",
            HostileRequest.upload(INGEST, new Form().part("form-data; filename=\"a.png\"", PNG)),
            Answer.status(400)),
        HostileCase.of(
            "a part header of 100 KB",
            HostileRequest.upload(
                INGEST,
                new Form()
                    .part(
                        "form-data; name=\"file\"; filename=\"a.png\"\r\nX-Pad: "
                            + "p".repeat(100_000),
                        PNG)),
            Answer.status(413)),
        HostileCase.of(
            "a part of Content-Transfer-Encoding base64",
            HostileRequest.upload(
                INGEST,
                new Form()
                    .part(
                        "form-data; name=\"file\"; filename=\"a.png\"\r\n"
                            + "Content-Transfer-Encoding: base64",
                        Base64.getEncoder().encode(PNG))),
            Answer.status(415)),
        HostileCase.of(
            "101 files, one past the limit",
            HostileRequest.upload(BATCH, files(101)),
            Answer.status(400)),
        HostileCase.of(
            "121 parts, past the part limit",
            HostileRequest.upload(BATCH, files(121)),
            Answer.status(413)));
  }

  /** Bodies that are not the multipart form the routes take. */
  private static List<HostileCase> bodies() {
    byte[] form = new Form().file("file", "a.png", PNG).bytes();
    return List.of(
        HostileCase.of(
            "multipart without a boundary",
            HostileRequest.post(INGEST, "multipart/form-data", form),
            Answer.status(400)),
        HostileCase.of(
            "a boundary the body does not use",
            HostileRequest.post(INGEST, "multipart/form-data; boundary=other", form),
            Answer.status(400)),
        HostileCase.of(
            "an empty boundary",
            HostileRequest.post(INGEST, "multipart/form-data; boundary=", form),
            Answer.status(400)),
        HostileCase.of(
            "a boundary of 500 characters",
            HostileRequest.post(
                INGEST,
                "multipart/form-data; boundary=" + "b".repeat(500),
                ("--"
                        + "b".repeat(500)
                        + "\r\nContent-Disposition: form-data; name=\"file\";"
                        + " filename=\"a.png\"\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)),
            Answer.status(400)),
        HostileCase.of(
            "a body cut before its closing boundary",
            HostileRequest.post(
                INGEST,
                "multipart/form-data; boundary=" + Form.BOUNDARY,
                new Form().file("file", "a.png", PNG).unterminated()),
            Answer.status(400)),
        HostileCase.of(
            "a body cut in the middle of the file",
            HostileRequest.post(
                INGEST,
                "multipart/form-data; boundary=" + Form.BOUNDARY,
                HostileImages.truncated(form, 0.5)),
            Answer.status(400)),
        HostileCase.of(
            "multipart/mixed",
            HostileRequest.post(INGEST, "multipart/mixed; boundary=" + Form.BOUNDARY, form),
            Answer.status(415)),
        HostileCase.of(
            "the image as the raw body",
            HostileRequest.post(INGEST, "image/png", PNG),
            Answer.status(415)),
        HostileCase.of(
            "a URL-encoded form",
            HostileRequest.post(
                INGEST,
                "application/x-www-form-urlencoded",
                "file=abc".getBytes(StandardCharsets.US_ASCII)),
            Answer.status(415)),
        HostileCase.of(
            "a JSON body to search by image",
            HostileRequest.postJson("/api/v1/search/by-image", "{\"file\": \"aGVsbG8=\"}"),
            Answer.status(415)),
        HostileCase.of(
            "a body declared gzip that is not",
            HostileRequest.upload(INGEST, "file", "a.png", PNG).header("Content-Encoding: gzip"),
            Answer.accepted(Outcome.SUCCESS)),
        HostileCase.of(
            "a search-by-image limit of 0 beside the file",
            HostileRequest.upload("/api/v1/search/by-image?limit=0", "file", "a.png", PNG),
            Answer.status(400)),
        HostileCase.fromAnotherSite(
            "an upload without any key from another site",
            HostileRequest.upload(INGEST, "file", "a.png", PNG)));
  }

  /** Tags of the batch route, within and beyond their documented shape. */
  private static List<HostileCase> tags() {
    return List.of(
        tagged("twenty tags, the most allowed", String.join(",", numbered(20)), 202),
        tagged("21 tags", String.join(",", numbered(21)), 400),
        tagged("a tag of 40 letters, the longest allowed", "a".repeat(40), 202),
        tagged("a tag of 41 letters", "a".repeat(41), 400),
        tagged("a tag of 10,000 commas", ",".repeat(10_000), 202),
        tagged("a tag with a NUL", "a\u0000b", 400),
        tagged("a tag that is markup", "<script>alert(1)</script>", 400),
        tagged("a tag in Turkish with a dotted capital", "İstanbul", 202),
        tagged("a tag of emoji", "\uD83D\uDC31", 400),
        tagged("a tag of a lone surrogate", "\uD800", 400));
  }

  private static HostileCase tagged(String name, String tags, Integer... statuses) {
    return HostileCase.of(
        name,
        HostileRequest.upload(BATCH, new Form().file("files", "a.png", PNG).field("tags", tags)),
        Answer.status(statuses).tasksEnd(Outcome.SUCCESS));
  }

  private static Form files(int count) {
    Form form = new Form();
    for (byte[] file : Collections.nCopies(count, PNG)) {
      form.file("files", "f.png", file);
    }
    return form;
  }

  private static List<String> numbered(int count) {
    return IntStream.range(0, count).mapToObj(i -> "t" + i).toList();
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(40)
        .forEach(c -> out.append(c < 0x20 ? String.format("\\u%04x", c) : Character.toString(c)));
    return text.length() > 40 ? out + "..." : out.toString();
  }
}
