package io.imagesearch.application;

/**
 * Another process wrote the model state between this start's read and its write: the start decided
 * from a state that is gone, and deciding again from the new one is the remedy.
 */
public final class ModelStateConflictException extends IllegalStateException {
  public ModelStateConflictException(String message) {
    super(message);
  }
}
