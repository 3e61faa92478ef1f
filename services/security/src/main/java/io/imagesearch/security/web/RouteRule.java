package io.imagesearch.security.web;

import io.imagesearch.security.key.Scope;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Requests matching {@code method} (any when null) and {@code pattern} need {@code scope}, or
 * nothing when the scope is empty.
 */
record RouteRule(HttpMethod method, String pattern, Optional<Scope> scope) {

  static RouteRule open(HttpMethod method, String pattern) {
    return new RouteRule(method, pattern, Optional.empty());
  }

  static RouteRule needs(Scope scope, HttpMethod method, String pattern) {
    return new RouteRule(method, pattern, Optional.of(scope));
  }

  RequestMatcher matcher() {
    return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
  }
}
