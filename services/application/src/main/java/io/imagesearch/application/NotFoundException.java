package io.imagesearch.application;

/** The image or task named in the request does not exist. */
public final class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
