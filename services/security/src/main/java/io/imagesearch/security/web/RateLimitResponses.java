package io.imagesearch.security.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The rate limit as clients see it: {@code RateLimit-Limit} (the burst) and {@code
 * RateLimit-Remaining} on every limited request (draft-ietf-httpapi-ratelimit-headers, in the form
 * most clients read), and once none is left a 429 problem with {@code Retry-After} and {@code
 * RateLimit-Reset} in whole seconds, rounded up.
 */
final class RateLimitResponses {

  static final String LIMIT = "RateLimit-Limit";
  static final String REMAINING = "RateLimit-Remaining";
  static final String RESET = "RateLimit-Reset";

  private RateLimitResponses() {}

  static void allowed(HttpServletResponse response, RateLimiter limiter, RateLimiter.Decision d) {
    response.setHeader(LIMIT, Long.toString(limiter.rate().burst()));
    response.setHeader(REMAINING, Long.toString(d.remaining()));
  }

  /**
   * @param what what is counted, e.g. "searches" or "uploaded files"
   * @param who whose count it is, e.g. "with this API key"
   */
  static void refuse(
      HttpServletRequest request,
      HttpServletResponse response,
      RateLimiter limiter,
      RateLimiter.Decision decision,
      String what,
      String who)
      throws IOException {
    long seconds = wholeSeconds(decision.nanosToWait());
    RateLimitSettings.Rate rate = limiter.rate();
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    response.setHeader(LIMIT, Long.toString(rate.burst()));
    response.setHeader(REMAINING, Long.toString(decision.remaining()));
    response.setHeader(RESET, Long.toString(seconds));
    ProblemResponses.write(
        request,
        response,
        HttpStatus.TOO_MANY_REQUESTS,
        "rate-limited",
        "too many "
            + what
            + " "
            + who
            + ": at most "
            + rate.rate()
            + " "
            + per(rate.period())
            + ", in bursts of up to "
            + rate.burst()
            + ". Wait "
            + seconds
            + " s (Retry-After), then send it again.",
        Map.of("retry_after_seconds", seconds));
  }

  /** Rounded up, and at least 1: a client that waits that long finds what it needs. */
  static long wholeSeconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }

  private static String per(Duration period) {
    if (period.equals(Duration.ofSeconds(1))) {
      return "a second";
    }
    if (period.equals(Duration.ofMinutes(1))) {
      return "a minute";
    }
    return "every " + period.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
