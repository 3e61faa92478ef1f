package io.imagesearch.security.web;

import io.imagesearch.security.key.KeyStoreException;
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
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads an API key from {@code Authorization: Bearer <key>} or the configured key header and
 * authenticates the request with it. Without a key the request goes on anonymous, and the route's
 * rule decides. A refused key ends the request with 401 and counts against the client address; an
 * address with too many failures gets 429 before its key is looked at.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);
  private static final String BEARER = "bearer ";

  private final AuthenticationManager authentication;
  private final AuthenticationFailureLimiter limiter;
  private final ScopeProblems problems;
  private final SecurityContextRepository contexts;
  private final String apiKeyHeader;
  private final SecurityContextHolderStrategy holder =
      SecurityContextHolder.getContextHolderStrategy();

  ApiKeyAuthenticationFilter(
      AuthenticationManager authentication,
      AuthenticationFailureLimiter limiter,
      ScopeProblems problems,
      SecurityContextRepository contexts,
      String apiKeyHeader) {
    this.authentication = authentication;
    this.limiter = limiter;
    this.problems = problems;
    this.contexts = contexts;
    this.apiKeyHeader = apiKeyHeader;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> presented = presentedKey(request);
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
      context.setAuthentication(
          authentication.authenticate(ApiKeyAuthentication.presented(presented.get())));
      holder.setContext(context);
      // Kept for the request's later dispatches (async, error) only: nothing outlives it.
      contexts.saveContext(context, request, response);
    } catch (AuthenticationException e) {
      holder.clearContext();
      limiter.recordFailure(client);
      LOG.info("Refused an API key from {}: {}", client, e.getMessage());
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

  /** The key the request carries; an Authorization header of another scheme is passed on as is. */
  private Optional<String> presentedKey(HttpServletRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null) {
      boolean bearer = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
      return Optional.of(bearer ? authorization.substring(BEARER.length()).strip() : authorization);
    }
    return Optional.ofNullable(request.getHeader(apiKeyHeader)).map(String::strip);
  }
}
