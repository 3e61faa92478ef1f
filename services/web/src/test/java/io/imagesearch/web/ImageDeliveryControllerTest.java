package io.imagesearch.web;

import static io.imagesearch.web.ProblemJson.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.imagesearch.core.image.ImageId;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(ImageDeliveryController.class)
@Import(FakePorts.class)
class ImageDeliveryControllerTest {

  private static final byte[] BYTES = "0123456789abcdefghij".getBytes();
  private static final ImageId ID = ImageId.of(BYTES);
  private static final String IMAGE = "/images/" + ID.hex();
  private static final String ETAG = "\"" + ID.hex() + "\"";
  private static final String FOREVER = "max-age=31536000, public, immutable";

  @Autowired MockMvc mvc;
  @Autowired FakePorts ports;

  @BeforeEach
  void storeOneImage() {
    ports.reset();
    ports.objects.putBytes(ID.imageKey(), BYTES, "image/webp");
    ports.objects.putBytes(ID.thumbnailKey(), new byte[] {9, 8, 7}, "image/jpeg");
  }

  @Test
  void anImageIsServedWithItsTypeAStrongETagAndCachedForever() throws Exception {
    mvc.perform(get(IMAGE))
        .andExpectAll(
            status().isOk(),
            content().bytes(BYTES),
            header().string("Content-Type", "image/webp"),
            header().longValue("Content-Length", BYTES.length),
            header().string("ETag", ETAG),
            header().string("Cache-Control", FOREVER),
            header().string("X-Content-Type-Options", "nosniff"),
            header().string("Accept-Ranges", "bytes"));
  }

  @Test
  void aThumbnailHasItsOwnETagAndType() throws Exception {
    mvc.perform(get("/thumbnails/" + ID.hex()))
        .andExpectAll(
            status().isOk(),
            content().bytes(new byte[] {9, 8, 7}),
            header().string("Content-Type", "image/jpeg"),
            header().string("ETag", "\"" + ID.hex() + "-thumb\""),
            header().string("Cache-Control", FOREVER));
  }

  @Test
  void theDoubleThumbnailIsServedWhereThereIsOneAndTheStandardOneElsewhere() throws Exception {
    mvc.perform(get("/thumbnails/" + ID.hex()).param("size", "2x"))
        .andExpectAll(
            status().isOk(),
            content().bytes(new byte[] {9, 8, 7}),
            header().string("ETag", "\"" + ID.hex() + "-thumb\""));
    ports.objects.putBytes(ID.doubleThumbnailKey(), new byte[] {6, 5}, "image/png");

    mvc.perform(get("/thumbnails/" + ID.hex()).param("size", "2x"))
        .andExpectAll(
            status().isOk(),
            content().bytes(new byte[] {6, 5}),
            header().string("Content-Type", "image/png"),
            header().string("ETag", "\"" + ID.hex() + "-thumb2x\""));
    mvc.perform(get("/thumbnails/" + ID.hex()).param("size", "3x"))
        .andExpect(ProblemJson.problem(HttpStatus.BAD_REQUEST, "invalid-request", "1x or 2x"));
  }

  /** The servlet container drops a HEAD response's body; MockMvc keeps it, so only headers. */
  @Test
  void headAnswersTheSameHeadersAsGet() throws Exception {
    mvc.perform(head(IMAGE))
        .andExpectAll(
            status().isOk(),
            header().string("Content-Type", "image/webp"),
            header().longValue("Content-Length", BYTES.length),
            header().string("ETag", ETAG),
            header().string("Cache-Control", FOREVER));
  }

  @Test
  void aMatchingIfNoneMatchIs304WithoutReadingTheStore() throws Exception {
    mvc.perform(get(IMAGE).header("If-None-Match", ETAG))
        .andExpectAll(
            status().isNotModified(),
            header().string("ETag", ETAG),
            header().string("Cache-Control", FOREVER),
            content().bytes(new byte[0]));
    mvc.perform(get(IMAGE).header("If-None-Match", "\"other\", " + ETAG))
        .andExpect(status().isNotModified());
    assertThat(ports.objects.opens()).isZero();
  }

  @Test
  void anotherETagGetsTheBytes() throws Exception {
    mvc.perform(get(IMAGE).header("If-None-Match", "\"" + ID.hex() + "-thumb\""))
        .andExpectAll(status().isOk(), content().bytes(BYTES));
  }

  /**
   * The bytes of an id never change, so validation is by ETag alone: no Last-Modified is sent, and
   * If-Modified-Since on its own cannot match (RFC 9110 13.1.3 ignores it when If-None-Match is
   * present, and there is no date to compare it with otherwise).
   */
  @Test
  void ifModifiedSinceAloneGetsTheBytesAndIfNoneMatchWinsOverIt() throws Exception {
    String future = "Fri, 01 Jan 2100 00:00:00 GMT";
    mvc.perform(get(IMAGE).header("If-Modified-Since", future))
        .andExpectAll(
            status().isOk(), content().bytes(BYTES), header().doesNotExist("Last-Modified"));
    mvc.perform(get(IMAGE).header("If-Modified-Since", future).header("If-None-Match", ETAG))
        .andExpect(status().isNotModified());
    mvc.perform(get(IMAGE).header("If-Modified-Since", future).header("If-None-Match", "\"x\""))
        .andExpect(status().isOk());
  }

  @ParameterizedTest
  @CsvSource({"bytes=2-5, 2, 5", "bytes=15-, 15, 19", "bytes=-3, 17, 19"})
  void aRangeIsAnswered206WithItsBytes(String range, int first, int last) throws Exception {
    mvc.perform(get(IMAGE).header("Range", range))
        .andExpectAll(
            status().isPartialContent(),
            header().string("Content-Range", "bytes " + first + "-" + last + "/" + BYTES.length),
            header().longValue("Content-Length", last - first + 1),
            header().string("Content-Type", "image/webp"),
            header().string("ETag", ETAG),
            content().bytes(Arrays.copyOfRange(BYTES, first, last + 1)));
  }

  @Test
  void aRangeBeyondTheEndIs416() throws Exception {
    mvc.perform(get(IMAGE).header("Range", "bytes=20-30"))
        .andExpectAll(
            status().isRequestedRangeNotSatisfiable(),
            header().string("Content-Range", "bytes */" + BYTES.length));
  }

  /** Spring MVC would send the whole image with the 416; the answer is a problem instead. */
  @ParameterizedTest
  @ValueSource(strings = {"bytes=20-30", "bytes=5-2", "bytes=abc", "bytes=", "bytes=0-1,x"})
  void aRangeThatCannotBeServedIs416WithAProblemAndNotTheImage(String range) throws Exception {
    mvc.perform(get(IMAGE).header("Range", range))
        .andExpectAll(
            problem(
                HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                "range-not-satisfiable",
                "does not fit the " + BYTES.length + " bytes of this image"),
            header().string("Content-Range", "bytes */" + BYTES.length),
            content().string(not(containsString(new String(BYTES)))));
    assertThat(ports.objects.opens()).isZero();
  }

  /** RFC 9110 13.1.2: "*" matches any current representation, so a stored image is not modified. */
  @Test
  void ifNoneMatchAnyIs304WithTheHeadersOf200ForAStoredImage() throws Exception {
    for (String value : new String[] {"*", " * ", "\"x\", *"}) {
      mvc.perform(get(IMAGE).header("If-None-Match", value))
          .andExpectAll(
              status().isNotModified(),
              header().string("ETag", ETAG),
              header().string("Cache-Control", FOREVER),
              header().string("X-Content-Type-Options", "nosniff"),
              content().bytes(new byte[0]));
    }
    assertThat(ports.objects.opens()).isZero();
  }

  @Test
  void ifNoneMatchAnyOfAnUnknownImageIs404() throws Exception {
    String unknown = ImageId.of(new byte[] {1}).hex();
    mvc.perform(get("/images/" + unknown).header("If-None-Match", "*"))
        .andExpect(problem(HttpStatus.NOT_FOUND, "not-found", unknown));
  }

  @Test
  void malformedAndUnknownIdsAre404Problems() throws Exception {
    mvc.perform(get("/images/" + ID.hex().toUpperCase()))
        .andExpect(problem(HttpStatus.NOT_FOUND, "not-found", "64 lowercase hex characters"));
    mvc.perform(get("/thumbnails/../../etc/passwd")).andExpect(status().isNotFound());
    String unknown = ImageId.of(new byte[] {1}).hex();
    mvc.perform(get("/images/" + unknown))
        .andExpect(problem(HttpStatus.NOT_FOUND, "not-found", unknown));
    mvc.perform(get("/thumbnails/" + unknown))
        .andExpect(problem(HttpStatus.NOT_FOUND, "not-found", unknown));
  }

  /** Today a failing store is a 500 (not a 503): the delivery route reads the port directly. */
  @Test
  void aStoreThatIsDownIsAnInternalErrorThatHidesTheCause() throws Exception {
    ports.objects.goDown();

    mvc.perform(get(IMAGE))
        .andExpectAll(
            problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "it was logged"),
            jsonPath("$.detail").value(not(containsString("refused"))));
  }
}
