package io.imagesearch.security.web;

import io.imagesearch.security.key.KeyStoreException;
import io.imagesearch.security.key.PresentedKey;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads an API key from {@code Authorization: Bearer <key>} or the configured key header and
 * authenticates the request with it; when access tokens are accepted, a Bearer value that is not an
 * API key ({@code isk_...}) is checked as one. Without a credential the request goes on anonymous,
 * and the route's rule decides. A refused credential ends the request with 401 and counts against
 * the client address (unless the issuer's keys were out of reach); an address with too many
 * failures gets 429 before its credential is looked at.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);
  private static final String BEARER = "bearer ";

  private final AuthenticationManager authentication;
  private final AuthenticationFailureLimiter limiter;
  private final ScopeProblems problems;
  private final SecurityContextRepository contexts;
  private final String apiKeyHeader;
  private final boolean acceptsAccessTokens;
  private final SecurityContextHolderStrategy holder =
      SecurityContextHolder.getContextHolderStrategy();

  ApiKeyAuthenticationFilter(
      AuthenticationManager authentication,
      AuthenticationFailureLimiter limiter,
      ScopeProblems problems,
      SecurityContextRepository contexts,
      String apiKeyHeader,
      boolean acceptsAccessTokens) {
    this.authentication = authentication;
    this.limiter = limiter;
    this.problems = problems;
    this.contexts = contexts;
    this.apiKeyHeader = apiKeyHeader;
    this.acceptsAccessTokens = acceptsAccessTokens;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Authentication> presented = presentedCredential(request);
    if (presented.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    String client = request.getRemoteAddr();
    Optional<Duration> blocked = limiter.blockedFor(client);
    if (blocked.isPresent()) {
      problems.tooManyFailures(request, response, blocked.get());
      return;
    }
    try {
      SecurityContext context = holder.createEmptyContext();
      context.setAuthentication(authentication.authenticate(presented.get()));
      holder.setContext(context);
      // Kept for the request's later dispatches (async, error) only: nothing outlives it.
      contexts.saveContext(context, request, response);
    } catch (AuthenticationException e) {
      holder.clearContext();
      if (!(e instanceof AccessTokenRejectedException token)) {
        limiter.recordFailure(client);
        LOG.info("Refused an API key from {}: {}", client, e.getMessage());
      } else if (token.reason().isTheTokensFault()) {
        limiter.recordFailure(client);
        LOG.info("Refused an access token from {}: {}", client, e.getMessage());
      }
      problems.commence(request, response, e);
      return;
    } catch (KeyStoreException e) {
      holder.clearContext();
      LOG.warn("Cannot check an API key: {}", e.getMessage());
      problems.storeUnavailable(request, response);
      return;
    }
    chain.doFilter(request, response);
  }

  /**
   * The credential the request carries: an access token, or else a key; an Authorization header of
   * another scheme is passed on as a key, as is.
   */
  private Optional<Authentication> presentedCredential(HttpServletRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null) {
      boolean bearer = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
      String value = bearer ? authorization.substring(BEARER.length()).strip() : authorization;
      if (bearer
          && acceptsAccessTokens
          && !value.isEmpty()
          && !value.startsWith(PresentedKey.PREFIX)) {
        return Optional.of(new BearerTokenAuthenticationToken(value));
      }
      return Optional.of(ApiKeyAuthentication.presented(value));
    }
    return Optional.ofNullable(request.getHeader(apiKeyHeader))
        .map(key -> ApiKeyAuthentication.presented(key.strip()));
  }
}
