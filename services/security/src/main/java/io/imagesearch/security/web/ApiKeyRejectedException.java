package io.imagesearch.security.web;

import io.imagesearch.security.key.Rejection;
import org.springframework.security.authentication.BadCredentialsException;

/** A presented key was refused; the reason becomes the detail of the 401. */
final class ApiKeyRejectedException extends BadCredentialsException {

  private final Rejection reason;

  ApiKeyRejectedException(Rejection reason) {
    super(reason.advice());
    this.reason = reason;
  }

  Rejection reason() {
    return reason;
  }
}
