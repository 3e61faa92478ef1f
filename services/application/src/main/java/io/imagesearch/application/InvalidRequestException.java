package io.imagesearch.application;

/** A request parameter is out of range or malformed; the message says what is accepted. */
public final class InvalidRequestException extends RuntimeException {
  public InvalidRequestException(String message) {
    super(message);
  }
}
