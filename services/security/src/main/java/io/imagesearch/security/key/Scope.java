package io.imagesearch.security.key;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
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

  /**
   * Whether a credential holding {@code held} may use what needs this scope: it holds this scope,
   * or {@link #ADMIN}. The one place that rule is written, for keys and access tokens alike.
   */
  public boolean isGrantedBy(Set<Scope> held) {
    return held.contains(this) || held.contains(ADMIN);
  }

  /**
   * The scope a wire name names, or empty for a word that names none (e.g. a token's "profile").
   */
  public static Optional<Scope> forWireName(String name) {
    for (Scope scope : values()) {
      if (scope.wireName().equals(name)) {
        return Optional.of(scope);
      }
    }
    return Optional.empty();
  }

  /** The scope a wire name names; an unknown name is refused with the names accepted. */
  public static Scope fromWireName(String name) {
    return forWireName(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown scope \""
                        + name
                        + "\": use one of "
                        + wireNames(EnumSet.allOf(Scope.class))));
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
