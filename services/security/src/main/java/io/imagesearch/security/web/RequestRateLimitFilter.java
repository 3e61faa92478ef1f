package io.imagesearch.security.web;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import io.github.bucket4j.TimeMeter;
import io.imagesearch.security.key.ApiPrincipal;
import io.imagesearch.security.key.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits the requests that cost the most: searches (each runs the text or image encoder) per key,
 * or per client address when sent without a key (public reads); uploads per key. Runs after
 * authorisation, so only requests that would be served count. A search takes its token here; an
 * upload is refused here while its key's bucket is empty, before its body is read, and takes one
 * token per file once Spring MVC has read its parts ({@link UploadFilesRateLimit}).
 *
 * <p>Keys with the admin scope pass unlimited: an admin can make any number of keys, so a limit on
 * theirs would bound nothing, and the platform's own tools and probes use the admin key.
 *
 * <p>Behind a proxy every anonymous caller has the proxy's address unless the server trusts its
 * forwarded headers ({@code server.forward-headers-strategy}); keyed callers are told apart by key
 * wherever they come from, which is why their limit is per key.
 */
final class RequestRateLimitFilter extends OncePerRequestFilter {

  /** The request attribute that hands an upload's limit to {@link UploadFilesRateLimit}. */
  static final String PENDING_UPLOAD = RequestRateLimitFilter.class.getName() + ".upload";

  /** An upload allowed in, whose files are counted once read; {@code whose} names its count. */
  record PendingUpload(RateLimiter limiter, String client, String whose) {}

  private static final RequestMatcher SEARCHES =
      anyOf(
          List.of(
              RouteRule.open(GET, "/api/v1/image/search"),
              RouteRule.open(GET, "/api/v1/search"),
              RouteRule.open(POST, "/api/v1/search/by-image"),
              RouteRule.open(GET, "/api/v1/images/{id}/similar"),
              RouteRule.open(GET, "/api/v1/images/{id}/duplicates")));

  private static final RequestMatcher UPLOADS =
      anyOf(
          List.of(RouteRule.open(POST, "/api/v1/ingest"), RouteRule.open(POST, "/api/v1/images")));

  private static final String ADMIN = ApiKeyAuthentication.authority(Scope.ADMIN);

  private final RateLimiter searchPerKey;
  private final RateLimiter searchPerAddress;
  private final RateLimiter uploadPerKey;

  RequestRateLimitFilter(RateLimitSettings settings, TimeMeter time) {
    int tracked = settings.trackedClients();
    this.searchPerKey = new RateLimiter(settings.searchPerKey(), tracked, time);
    this.searchPerAddress = new RateLimiter(settings.searchPerAddress(), tracked, time);
    this.uploadPerKey = new RateLimiter(settings.uploadPerKey(), tracked, time);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    boolean keyed =
        caller != null
            && caller.isAuthenticated()
            && !(caller instanceof AnonymousAuthenticationToken);
    if (keyed && caller.getAuthorities().stream().anyMatch(a -> ADMIN.equals(a.getAuthority()))) {
      chain.doFilter(request, response);
      return;
    }
    String client = keyed ? credentialOf(caller) : "address " + request.getRemoteAddr();
    String whose = whose(keyed ? caller : null);
    if (SEARCHES.matches(request)) {
      RateLimiter limiter = keyed ? searchPerKey : searchPerAddress;
      RateLimiter.Decision decision = limiter.take(client, 1);
      if (!decision.allowed()) {
        RateLimitResponses.refuse(request, response, limiter, decision, "searches", whose);
        return;
      }
      RateLimitResponses.allowed(response, limiter, decision);
    } else if (keyed && UPLOADS.matches(request)) {
      RateLimiter.Decision decision = uploadPerKey.peek(client);
      if (!decision.allowed()) {
        RateLimitResponses.refuse(
            request, response, uploadPerKey, decision, "uploaded files", whose);
        return;
      }
      request.setAttribute(PENDING_UPLOAD, new PendingUpload(uploadPerKey, client, whose));
    }
    chain.doFilter(request, response);
  }

  /** Whose count a refusal names: the caller's credential, or its address without one. */
  private static String whose(Authentication caller) {
    if (caller == null) {
      return "from this address without an API key";
    }
    return caller.getPrincipal() instanceof ApiPrincipal
        ? "with this API key"
        : "with this credential";
  }

  /** The key id of an API key, or the name another kind of credential (a token) gives. */
  private static String credentialOf(Authentication caller) {
    return caller.getPrincipal() instanceof ApiPrincipal key
        ? "key " + key.keyId().value()
        : "caller " + caller.getName();
  }

  private static RequestMatcher anyOf(List<RouteRule> routes) {
    return new OrRequestMatcher(routes.stream().map(RouteRule::matcher).toList());
  }
}
