package io.imagesearch.storage.minio;

/** A MinIO call failed; the message names the endpoint, bucket and what to check. */
public final class MinioStoreException extends RuntimeException {

  MinioStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
