package io.imagesearch.security.key;

import java.util.Locale;

/** Why a presented key was refused, with what its holder can do about it. */
public enum Rejection {
  MALFORMED("the API key is malformed: a key looks like isk_<16 hex digits>_<64 hex digits>"),
  UNKNOWN("the API key is not known here: check that it was copied whole, or ask for a new one"),
  REVOKED("the API key was revoked: ask an administrator for a new one"),
  EXPIRED("the API key has expired: ask an administrator for a new one");

  private final String advice;

  Rejection(String advice) {
    this.advice = advice;
  }

  public String advice() {
    return advice;
  }

  /** The name clients see, e.g. {@code revoked}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
