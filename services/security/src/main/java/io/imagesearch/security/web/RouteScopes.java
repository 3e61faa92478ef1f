package io.imagesearch.security.web;

import static io.imagesearch.security.key.Scope.ADMIN;
import static io.imagesearch.security.key.Scope.DELETE;
import static io.imagesearch.security.key.Scope.SEARCH;
import static io.imagesearch.security.key.Scope.UPLOAD;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.POST;

import io.imagesearch.security.key.Scope;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which scope each route needs, first match wins. A route no rule names needs {@link Scope#ADMIN}:
 * a new route stays closed until someone decides who may use it.
 */
final class RouteScopes {

  /** The web UI's files and the API description: no data, and needed to present a key at all. */
  private static final List<RouteRule> ALWAYS_OPEN =
      List.of(
          RouteRule.open(GET, "/"),
          RouteRule.open(GET, "/index.html"),
          RouteRule.open(GET, "/*.js"),
          RouteRule.open(GET, "/*.css"),
          RouteRule.open(GET, "/favicon.ico"),
          RouteRule.open(GET, "/swagger-ui.html"),
          RouteRule.open(GET, "/swagger-ui/**"),
          RouteRule.open(GET, "/v3/api-docs/**"),
          RouteRule.open(GET, "/v3/api-docs"),
          // Liveness and readiness probes come without credentials.
          RouteRule.open(GET, "/actuator/health"),
          RouteRule.open(GET, "/actuator/health/**"),
          // Where the servlet container forwards errors; the original request was checked already.
          RouteRule.open(null, "/error"));

  /** Reading: search and image delivery, open to anyone when public reads are on. */
  private static final List<RouteRule> READS =
      List.of(
          RouteRule.needs(SEARCH, GET, "/api/v1/image/search"),
          RouteRule.needs(SEARCH, GET, "/api/v1/search"),
          RouteRule.needs(SEARCH, POST, "/api/v1/search/by-image"),
          RouteRule.needs(SEARCH, GET, "/api/v1/images/newest"),
          RouteRule.needs(SEARCH, GET, "/api/v1/images/{id}"),
          RouteRule.needs(SEARCH, GET, "/api/v1/images/{id}/similar"),
          RouteRule.needs(SEARCH, GET, "/api/v1/images/{id}/duplicates"),
          RouteRule.needs(SEARCH, GET, "/api/v1/stats"),
          RouteRule.needs(SEARCH, GET, "/api/v1/delivery"),
          RouteRule.needs(SEARCH, GET, "/api/v1/models"),
          RouteRule.needs(SEARCH, GET, "/api/v1/models/migration"),
          RouteRule.needs(SEARCH, GET, "/images/**"),
          RouteRule.needs(SEARCH, GET, "/thumbnails/**"));

  /** Writing and administration: always need a key. */
  private static final List<RouteRule> WRITES =
      List.of(
          RouteRule.needs(UPLOAD, POST, "/api/v1/ingest"),
          RouteRule.needs(UPLOAD, POST, "/api/v1/images"),
          // Whoever uploads follows their tasks.
          RouteRule.needs(UPLOAD, GET, "/api/v1/ingest/{taskId}"),
          RouteRule.needs(UPLOAD, GET, "/api/v1/tasks"),
          RouteRule.needs(UPLOAD, GET, "/api/v1/tasks/{taskId}"),
          RouteRule.needs(DELETE, org.springframework.http.HttpMethod.DELETE, "/api/v1/images/**"),
          RouteRule.needs(ADMIN, null, "/api/v1/keys"),
          RouteRule.needs(ADMIN, null, "/api/v1/keys/**"),
          RouteRule.needs(ADMIN, POST, "/api/v1/demo"),
          RouteRule.needs(ADMIN, null, "/actuator/**"));

  private final List<RouteRule> rules;
  private final List<RequestMatcher> matchers;

  RouteScopes(boolean publicReads) {
    List<RouteRule> all = new ArrayList<>(ALWAYS_OPEN);
    for (RouteRule read : READS) {
      all.add(publicReads ? RouteRule.open(read.method(), read.pattern()) : read);
      if (read.method() == GET) {
        // HEAD is GET without the body: the same answer to the same caller.
        all.add(new RouteRule(HEAD, read.pattern(), publicReads ? Optional.empty() : read.scope()));
      }
    }
    all.addAll(WRITES);
    this.rules = List.copyOf(all);
    this.matchers = rules.stream().map(RouteRule::matcher).toList();
  }

  List<RouteRule> rules() {
    return rules;
  }

  /** The scope {@code request} needs, or empty when it is open. */
  Optional<Scope> requiredFor(HttpServletRequest request) {
    for (int i = 0; i < rules.size(); i++) {
      if (matchers.get(i).matches(request)) {
        return rules.get(i).scope();
      }
    }
    return Optional.of(ADMIN);
  }
}
