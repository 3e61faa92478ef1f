package io.imagesearch.security.web;

import io.imagesearch.security.key.ApiPrincipal;
import io.imagesearch.security.key.Scope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The answers of the security layer, each a problem body that says what to do: 401 without a usable
 * key or access token (with {@code WWW-Authenticate}, RFC 6750), 403 with a credential that lacks
 * the route's scope, 429 after too many failures, 503 when the key store cannot be reached.
 */
final class ScopeProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

  private static final String REALM = "Bearer realm=\"imagesearch\"";

  private final RouteScopes routes;
  private final String apiKeyHeader;
  private final Optional<String> tokenIssuer;

  /**
   * @param tokenIssuer the OIDC issuer whose access tokens are accepted besides keys, if any
   */
  ScopeProblems(RouteScopes routes, String apiKeyHeader, Optional<String> tokenIssuer) {
    this.routes = routes;
    this.apiKeyHeader = apiKeyHeader;
    this.tokenIssuer = tokenIssuer;
  }

  /** No credential, or one that was refused. */
  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    if (e instanceof AccessTokenRejectedException rejected) {
      response.setHeader(
          HttpHeaders.WWW_AUTHENTICATE,
          REALM
              + ", error=\"invalid_token\", error_description=\""
              + headerSafe(rejected.getMessage())
              + "\"");
      ProblemResponses.write(
          request,
          response,
          HttpStatus.UNAUTHORIZED,
          "token-" + rejected.reason().wireName(),
          rejected.getMessage(),
          Map.of("reason", rejected.reason().wireName()));
      return;
    }
    if (e instanceof ApiKeyRejectedException rejected) {
      response.setHeader(
          HttpHeaders.WWW_AUTHENTICATE,
          REALM
              + ", error=\"invalid_token\", error_description=\""
              + rejected.reason().advice()
              + "\"");
      ProblemResponses.write(
          request,
          response,
          HttpStatus.UNAUTHORIZED,
          "api-key-" + rejected.reason().wireName(),
          rejected.reason().advice(),
          Map.of("reason", rejected.reason().wireName()));
      return;
    }
    String scope = requiredScope(request);
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, REALM + ", scope=\"" + scope + "\"");
    ProblemResponses.write(
        request,
        response,
        HttpStatus.UNAUTHORIZED,
        "api-key-missing",
        "this route needs an API key with scope '"
            + scope
            + "': send it in the Authorization header as 'Bearer isk_...' or in the "
            + apiKeyHeader
            + " header"
            + tokenIssuer
                .map(issuer -> ", or an access token of " + issuer + " as 'Bearer <token>'")
                .orElse(""),
        Map.of("required_scope", scope));
  }

  /** A valid key without the scope this route needs. */
  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    String scope = requiredScope(request);
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    Object principal = caller.getPrincipal();
    response.setHeader(
        HttpHeaders.WWW_AUTHENTICATE,
        REALM + ", error=\"insufficient_scope\", scope=\"" + scope + "\"");
    if (principal instanceof Jwt) {
      ProblemResponses.write(
          request,
          response,
          HttpStatus.FORBIDDEN,
          "token-scope",
          "the access token of '"
              + caller.getName()
              + "' lacks scope '"
              + scope
              + "', which this route needs: ask the issuer for a token that grants it, in a scope"
              + " claim or through a role mapped to it",
          Map.of("required_scope", scope));
      return;
    }
    String key =
        principal instanceof ApiPrincipal p ? "the API key '" + p.name() + "'" : "this API key";
    ProblemResponses.write(
        request,
        response,
        HttpStatus.FORBIDDEN,
        "api-key-scope",
        key
            + " lacks scope '"
            + scope
            + "', which this route needs: send a key that has it, or ask an administrator for"
            + " one",
        Map.of("required_scope", scope));
  }

  void tooManyFailures(HttpServletRequest request, HttpServletResponse response, Duration wait)
      throws IOException {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    ProblemResponses.write(
        request,
        response,
        HttpStatus.TOO_MANY_REQUESTS,
        "authentication-failures",
        "too many failed authentications from this address: wait "
            + seconds
            + " s (Retry-After), then send a valid API key",
        Map.of());
  }

  void storeUnavailable(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader(HttpHeaders.RETRY_AFTER, "5");
    ProblemResponses.write(
        request,
        response,
        HttpStatus.SERVICE_UNAVAILABLE,
        "dependency-unavailable",
        "the API key store is not reachable right now, so the key could not be checked; retry"
            + " after the Retry-After delay",
        Map.of());
  }

  /**
   * {@code text} as an RFC 6750 error_description may carry it: printable ASCII without quote or
   * backslash.
   */
  static String headerSafe(String text) {
    return text.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "'");
  }

  private String requiredScope(HttpServletRequest request) {
    return routes.requiredFor(request).orElse(Scope.ADMIN).wireName();
  }
}
