package io.imagesearch.embedder;

/** A forward pass failed; the cause carries the engine's error. */
public final class EmbeddingException extends RuntimeException {
  public EmbeddingException(String message, Throwable cause) {
    super(message, cause);
  }
}
