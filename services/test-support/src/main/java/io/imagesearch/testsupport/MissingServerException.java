package io.imagesearch.testsupport;

/** A test server binary is absent: the message names the command that installs it. */
public final class MissingServerException extends IllegalStateException {
  public MissingServerException(String message) {
    super(message);
  }
}
