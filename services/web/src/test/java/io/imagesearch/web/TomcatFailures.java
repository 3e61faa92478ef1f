package io.imagesearch.web;

import java.nio.charset.StandardCharsets;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.apache.tomcat.util.http.Parameters;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeLimitExceededException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * The exceptions Tomcat raises while reading a request, made by Tomcat's own parser where it has
 * one, and wrapped the way Tomcat and Spring wrap them on their way to the application.
 */
final class TomcatFailures {
  private TomcatFailures() {}

  static final int PARAMETER_LIMIT = 1000;

  /** What Tomcat's parser throws for {@code query} under {@link #PARAMETER_LIMIT}. */
  static InvalidParameterException parsing(String query) {
    Parameters parameters = new Parameters();
    parameters.setLimit(PARAMETER_LIMIT);
    parameters.setCharset(StandardCharsets.UTF_8);
    byte[] bytes = query.getBytes(StandardCharsets.ISO_8859_1);
    try {
      parameters.processParameters(bytes, 0, bytes.length);
    } catch (InvalidParameterException e) {
      return e;
    }
    throw new AssertionError("Tomcat parsed " + query);
  }

  static String parameters(int count) {
    StringBuilder query = new StringBuilder("p0=0");
    for (int i = 1; i < count; i++) {
      query.append("&p").append(i).append('=').append(i);
    }
    return query.toString();
  }

  /** A multipart body of more parts than allowed, as Spring hands it to the application. */
  static MultipartException tooManyParts(long limit) {
    return new MaxUploadSizeExceededException(
        -1,
        new InvalidParameterException(
            new FileCountLimitExceededException("attachment", limit), 413));
  }

  static MultipartException fileTooLarge(String name, long permitted) {
    FileSizeLimitExceededException cause =
        new FileSizeLimitExceededException("too large", permitted + 1, permitted);
    cause.setFileName(name);
    return new MaxUploadSizeExceededException(permitted, new InvalidParameterException(cause, 413));
  }

  /** A part whose headers pass Tomcat's limit per part, worded as Tomcat's parser words it. */
  static MultipartException partHeadersTooLarge(int permitted) {
    return new MaxUploadSizeExceededException(
        -1,
        new InvalidParameterException(
            new SizeLimitExceededException(
                "Header section has more than "
                    + permitted
                    + " bytes (maybe it is not properly terminated)",
                permitted + 1,
                permitted),
            413));
  }

  static MultipartException requestTooLarge(long permitted) {
    return new MaxUploadSizeExceededException(
        permitted,
        new InvalidParameterException(
            new SizeLimitExceededException("too large", permitted + 1, permitted), 413));
  }
}
