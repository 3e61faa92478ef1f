package io.imagesearch.security.key;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What an API key may do. {@link #ADMIN} implies every other scope. */
public enum Scope {
  SEARCH,
  UPLOAD,
  DELETE,
  ADMIN;

  /** The name clients send and see, e.g. {@code upload}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Scope fromWireName(String name) {
    for (Scope scope : values()) {
      if (scope.wireName().equals(name)) {
        return scope;
      }
    }
    throw new IllegalArgumentException(
        "unknown scope \"" + name + "\": use one of " + wireNames(EnumSet.allOf(Scope.class)));
  }

  /** Scopes as stored: wire names joined by commas, in declaration order. */
  public static String encode(Set<Scope> scopes) {
    return wireNames(scopes);
  }

  public static Set<Scope> decode(String encoded) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    Arrays.stream(encoded.split(","))
        .filter(part -> !part.isBlank())
        .forEach(part -> scopes.add(fromWireName(part.strip())));
    return scopes;
  }

  private static String wireNames(Set<Scope> scopes) {
    return EnumSet.copyOf(scopes).stream().map(Scope::wireName).collect(Collectors.joining(","));
  }
}
