package io.imagesearch.security.key;

/**
 * A request to create or revoke a key that cannot be carried out as asked; the message says why.
 */
public class InvalidKeyRequestException extends RuntimeException {

  public InvalidKeyRequestException(String message) {
    super(message);
  }
}
