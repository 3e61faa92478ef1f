package io.imagesearch.security.web;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of API key authentication, bound from {@code imagesearch.security.*} and checked when
 * bound, so a bad value stops start-up with a message naming it.
 *
 * @param enabled whether routes need a key; off only behind something else that authenticates
 * @param publicReads whether search and image delivery are open to anonymous callers
 * @param apiKeyHeader the header that may carry a key besides {@code Authorization: Bearer}
 * @param corsAllowedOrigins origins whose browser scripts may call the API; none by default, as the
 *     web UI is served from the same origin
 * @param contentSecurityPolicy sent on every response; the default suits the same-origin, buildless
 *     web UI (scripts, styles and images from the server itself, nothing inline)
 * @param failureLimit how many failed authentications a client address gets per period
 */
@ConfigurationProperties("imagesearch.security")
public record SecuritySettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("false") boolean publicReads,
    @DefaultValue("X-Api-Key") String apiKeyHeader,
    @DefaultValue List<String> corsAllowedOrigins,
    @DefaultValue(DEFAULT_CSP) String contentSecurityPolicy,
    @DefaultValue FailureLimit failureLimit) {

  public static final String DEFAULT_CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
          + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  /** RFC 9110 token characters: what a header name may be made of. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  public SecuritySettings {
    if (apiKeyHeader == null || !HEADER_NAME.matcher(apiKeyHeader).matches()) {
      throw new IllegalArgumentException(
          "imagesearch.security.api-key-header must be a header name such as X-Api-Key, got \""
              + apiKeyHeader
              + "\"");
    }
    if ("authorization".equalsIgnoreCase(apiKeyHeader)) {
      throw new IllegalArgumentException(
          "imagesearch.security.api-key-header must not be Authorization, which is always read"
              + " for Bearer keys; pick another name or keep X-Api-Key");
    }
    corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
    for (String origin : corsAllowedOrigins) {
      if (origin.equals("*") || !origin.matches("https?://[^/\\s]+")) {
        throw new IllegalArgumentException(
            "imagesearch.security.cors-allowed-origins takes origins such as"
                + " https://app.example.com (scheme and host, no path, no wildcard), got \""
                + origin
                + "\"");
      }
    }
    if (contentSecurityPolicy == null || contentSecurityPolicy.isBlank()) {
      throw new IllegalArgumentException(
          "imagesearch.security.content-security-policy must not be blank; the default is "
              + DEFAULT_CSP);
    }
    if (failureLimit == null) {
      failureLimit = FailureLimit.defaults();
    }
  }

  public static SecuritySettings defaults() {
    return new SecuritySettings(true, false, "X-Api-Key", List.of(), DEFAULT_CSP, null);
  }

  /**
   * At most {@code failures} failed authentications per client address in {@code period}, refilled
   * evenly; {@code trackedClients} bounds the memory spent remembering addresses.
   */
  public record FailureLimit(
      @DefaultValue("10") int failures,
      @DefaultValue("1m") Duration period,
      @DefaultValue("10000") int trackedClients) {

    public FailureLimit {
      if (failures < 1) {
        throw new IllegalArgumentException(
            "imagesearch.security.failure-limit.failures must be at least 1, got " + failures);
      }
      if (period == null || period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException(
            "imagesearch.security.failure-limit.period must be positive, e.g. 1m, got " + period);
      }
      if (trackedClients < 1) {
        throw new IllegalArgumentException(
            "imagesearch.security.failure-limit.tracked-clients must be at least 1, got "
                + trackedClients);
      }
    }

    public static FailureLimit defaults() {
      return new FailureLimit(10, Duration.ofMinutes(1), 10_000);
    }
  }
}
