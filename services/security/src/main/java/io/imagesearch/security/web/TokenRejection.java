package io.imagesearch.security.web;

import java.util.Locale;

/** Why an access token was refused, with what its holder can do about it. */
enum TokenRejection {
  MALFORMED(
      "the access token is not a signed JWT access token: send the access token the issuer"
          + " gave, as 'Authorization: Bearer <token>'"),
  SIGNATURE(
      "the access token is not signed by a key the issuer publishes: get a new token from"
          + " the issuer"),
  EXPIRED("the access token has expired: get a new one from the issuer"),
  NOT_YET_VALID(
      "the access token is not valid yet (nbf): check the clocks of the issuer and of"
          + " this server"),
  ISSUER("the access token comes from another issuer"),
  AUDIENCE("the access token is not meant for this platform"),
  /** The token could not be checked at all: the issuer's keys are out of reach. */
  UNVERIFIABLE(
      "the access token could not be checked: the issuer's signing keys cannot be fetched"
          + " right now; retry later, or send an API key");

  private final String advice;

  TokenRejection(String advice) {
    this.advice = advice;
  }

  String advice() {
    return advice;
  }

  /** The name clients see, e.g. {@code not-yet-valid}. */
  String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Whether the token itself is at fault, so the refusal counts toward the client's failure limit;
   * an issuer out of reach is nobody's fault at the client.
   */
  boolean isTheTokensFault() {
    return this != UNVERIFIABLE;
  }
}
