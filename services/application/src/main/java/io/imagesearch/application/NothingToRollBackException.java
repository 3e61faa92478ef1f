package io.imagesearch.application;

/** A rollback was asked for, but no previous model is kept and no migration runs. */
public final class NothingToRollBackException extends RuntimeException {
  public NothingToRollBackException(String message) {
    super(message);
  }
}
