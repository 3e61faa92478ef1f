package io.imagesearch.security.web;

import io.imagesearch.security.key.Scope;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One request for every rule of the route table the security chain uses ({@link RouteScopes}), so a
 * route added there is in every credential matrix without anyone listing it: its pattern's
 * variables and wildcards become a sample id, a rule for any method is sent as GET. A new rule
 * whose sample no stand-in of {@link RoutesLikeTheApps} answers fails the "let through" cases.
 */
record EveryRoute(Scope scope, String method, String path) {

  /** Every route that needs a scope when reads are not public, HEAD twins included. */
  static List<EveryRoute> needingAScope() {
    return new RouteScopes(false)
        .rules().stream()
            .filter(rule -> rule.scope().isPresent())
            .map(
                rule ->
                    new EveryRoute(
                        rule.scope().orElseThrow(),
                        rule.method() == null ? "GET" : rule.method().name(),
                        samplePath(rule.pattern())))
            .distinct()
            .toList();
  }

  /** {@link #needingAScope} as (scope, method, path) arguments of a parameterized test. */
  static Stream<Arguments> arguments() {
    return needingAScope().stream().map(r -> Arguments.of(r.scope(), r.method(), r.path()));
  }

  /** {@code /api/v1/images/{id}/similar} -> {@code /api/v1/images/abc/similar}, {@code **} too. */
  static String samplePath(String pattern) {
    return pattern.replaceAll("\\{[^}]+}", "abc").replace("**", "abc").replace("*", "abc");
  }
}
