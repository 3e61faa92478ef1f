package io.imagesearch.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What one HTTP request may carry before the servlet container refuses it, the same in both modes,
 * bound from {@code imagesearch.http.*} and validated at start-up. These are the container's
 * limits, applied to Tomcat's connector; they replace {@code server.tomcat.max-part-count} and
 * {@code server.tomcat.max-parameter-count}.
 *
 * @param maxParts multipart parts per request: a batch upload's files plus its {@code tags} fields.
 *     Past it the request is answered 413.
 * @param maxParameters query and form parameters per request, multipart parts included (Tomcat
 *     counts them together). Past it the request is answered 400.
 */
@Validated
@ConfigurationProperties("imagesearch.http")
public record HttpLimits(
    @Min(
            value = IngestApiController.MAX_FILES_PER_REQUEST + 1,
            message =
                "set at least "
                    + (IngestApiController.MAX_FILES_PER_REQUEST + 1)
                    + " parts, so that a batch of "
                    + IngestApiController.MAX_FILES_PER_REQUEST
                    + " files and its tags fit")
        @Max(value = MOST_PARTS, message = "set at most " + MOST_PARTS + " parts")
        @DefaultValue("120")
        int maxParts,
    @Min(value = 1, message = "set at least 1 parameter")
        @Max(value = MOST_PARAMETERS, message = "set at most " + MOST_PARAMETERS + " parameters")
        @DefaultValue("1000")
        int maxParameters) {

  /**
   * The bytes of one multipart part's headers, its file name among them. Not a setting: Tomcat's
   * default of 512 refused a photo named in 160 Chinese characters (3 bytes each in UTF-8) with a
   * 413; 2 KiB takes the 255 characters of the longest file name macOS and Windows allow in any
   * script.
   */
  public static final int PART_HEADER_BYTES = 2048;

  private static final int MOST_PARTS = 10_000;
  private static final int MOST_PARAMETERS = 100_000;

  public HttpLimits {
    // Tomcat counts parts as parameters too, so fewer parameters would lower the part limit. A
    // value out of its own range is left to the per-key constraints, which name it.
    if (maxParameters >= 1 && maxParts <= MOST_PARTS && maxParameters < maxParts) {
      throw new IllegalArgumentException(
          "imagesearch.http.max-parameters ("
              + maxParameters
              + ") is below imagesearch.http.max-parts ("
              + maxParts
              + "): set max-parameters to at least max-parts");
    }
  }
}
