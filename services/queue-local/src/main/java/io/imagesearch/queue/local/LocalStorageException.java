package io.imagesearch.queue.local;

/** The local queue or status store cannot use its files; the message says which and why. */
public final class LocalStorageException extends RuntimeException {

  LocalStorageException(String message) {
    super(message);
  }

  LocalStorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
