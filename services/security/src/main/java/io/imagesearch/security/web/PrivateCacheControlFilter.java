package io.imagesearch.security.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps what a key unlocked out of shared caches: on a route that needs a key, a {@code public}
 * Cache-Control directive (image delivery marks its immutable bytes public, which suits anonymous
 * reads) becomes {@code private}. A proxy or CDN then never stores a copy it could hand to a caller
 * without a key, while the key holder's browser still caches it.
 */
final class PrivateCacheControlFilter extends OncePerRequestFilter {

  private final RouteScopes routes;

  PrivateCacheControlFilter(RouteScopes routes) {
    this.routes = routes;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (routes.requiredFor(request).isEmpty()) {
      chain.doFilter(request, response);
    } else {
      chain.doFilter(request, new PrivateResponse(response));
    }
  }

  /** {@code public} in a Cache-Control value replaced by {@code private}; other values as given. */
  static String privatize(String cacheControl) {
    return Arrays.stream(cacheControl.split(","))
        .map(String::strip)
        .map(directive -> directive.equalsIgnoreCase("public") ? "private" : directive)
        .collect(Collectors.joining(", "));
  }

  private static final class PrivateResponse extends HttpServletResponseWrapper {

    PrivateResponse(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void setHeader(String name, String value) {
      super.setHeader(name, rewrite(name, value));
    }

    @Override
    public void addHeader(String name, String value) {
      super.addHeader(name, rewrite(name, value));
    }

    private static String rewrite(String name, String value) {
      return value != null && HttpHeaders.CACHE_CONTROL.equalsIgnoreCase(name)
          ? privatize(value)
          : value;
    }
  }
}
