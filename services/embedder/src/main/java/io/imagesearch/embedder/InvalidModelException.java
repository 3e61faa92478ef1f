package io.imagesearch.embedder;

/** The model folder is incomplete or its configuration is unusable; the message names the file. */
public final class InvalidModelException extends RuntimeException {
  public InvalidModelException(String message) {
    super(message);
  }

  public InvalidModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
