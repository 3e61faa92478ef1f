package io.imagesearch.security.key;

/** The key store's storage failed; the request that needed it cannot be answered now. */
public class KeyStoreException extends RuntimeException {

  public KeyStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
