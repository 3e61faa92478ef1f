package io.imagesearch.storage.minio;

import io.minio.errors.ErrorResponseException;
import java.io.IOException;
import java.util.Set;

/**
 * Turns the SDK's many checked exceptions into one {@link MinioStoreException} whose message says
 * where it happened and what an operator should check.
 */
final class MinioErrors {

  private static final Set<String> MISSING = Set.of("NoSuchKey", "NoSuchObject");
  private static final Set<String> BAD_CREDENTIALS =
      Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied");

  private final MinioConfig config;

  MinioErrors(MinioConfig config) {
    this.config = config;
  }

  /** True when the failure only says the object is not there. */
  static boolean isMissingObject(Exception e) {
    return e instanceof ErrorResponseException response
        && MISSING.contains(response.errorResponse().code());
  }

  MinioStoreException translate(String action, String key, Exception e) {
    String where =
        " (endpoint "
            + config.endpoint()
            + ", bucket "
            + config.bucket()
            + (key == null ? "" : ", key " + key)
            + ")";
    if (e instanceof ErrorResponseException response) {
      String code = response.errorResponse().code();
      if (BAD_CREDENTIALS.contains(code)) {
        return new MinioStoreException(
            "MinIO refused to "
                + action
                + where
                + ": "
                + code
                + "; check the access key '"
                + config.accessKey()
                + "' and its secret key, and that the user may use this bucket",
            e);
      }
      return new MinioStoreException(
          "MinIO failed to " + action + where + ": " + code + " " + response.getMessage(), e);
    }
    if (e instanceof IOException) {
      return new MinioStoreException(
          "cannot reach MinIO to "
              + action
              + where
              + ": "
              + e
              + "; check that the server is running and the endpoint is right",
          e);
    }
    return new MinioStoreException("MinIO failed to " + action + where + ": " + e, e);
  }
}
