package io.imagesearch.security.web;

import org.springframework.security.authentication.BadCredentialsException;

/** An access token was refused; the detail (its reason's advice, made specific) goes to the 401. */
final class AccessTokenRejectedException extends BadCredentialsException {

  private final TokenRejection reason;

  AccessTokenRejectedException(TokenRejection reason) {
    this(reason, reason.advice());
  }

  AccessTokenRejectedException(TokenRejection reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  TokenRejection reason() {
    return reason;
  }
}
