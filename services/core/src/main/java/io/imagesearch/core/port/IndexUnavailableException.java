package io.imagesearch.core.port;

/**
 * The vector index's server did not serve a call (down, restarting, refusing). Nothing about the
 * request is wrong: the web layer answers 503 with Retry-After instead of 500, and a worker retries
 * its task.
 */
public class IndexUnavailableException extends RuntimeException {
  public IndexUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
