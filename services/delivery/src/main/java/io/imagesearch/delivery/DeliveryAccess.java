package io.imagesearch.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.key.ApiPrincipal;
import io.imagesearch.security.key.AuthenticationOutcome;
import io.imagesearch.security.key.KeyStoreException;
import io.imagesearch.security.key.PresentedKey;
import io.imagesearch.security.key.Scope;
import io.imagesearch.security.web.SecuritySettings;
import java.time.Duration;
import java.util.Optional;

/**
 * The access rules of image delivery on the delivery port, the same as on the main port: open to
 * anyone when security is off or reads are public, else an API key with the {@code search} scope in
 * {@code Authorization: Bearer} or the configured key header. A key presented on an open route is
 * still checked, and a refused one is a 401 that counts against the client address (too many and
 * the address gets 429 for a while, as on the main port). Accepted keys are remembered for {@code
 * acceptedKeyTime}, so the key store is asked once per key and period, not once per image.
 */
final class DeliveryAccess {

  private static final String BEARER = "bearer ";
  private static final String REALM = "Bearer realm=\"imagesearch\"";
  private static final String SCOPE = Scope.SEARCH.wireName();

  private final SecuritySettings settings;
  private final ApiKeys keys;
  private final Cache<String, ApiPrincipal> accepted;
  private final FailedKeyLimit failures;

  DeliveryAccess(SecuritySettings settings, ApiKeys keys, Duration acceptedKeyTime) {
    this.settings = settings;
    this.keys = keys;
    this.accepted =
        Caffeine.newBuilder().expireAfterWrite(acceptedKeyTime).maximumSize(10_000).build();
    this.failures = new FailedKeyLimit(settings.failureLimit());
  }

  /** Whether anyone may read: responses may then be stored by shared caches. */
  boolean open() {
    return !settings.enabled() || settings.publicReads();
  }

  String apiKeyHeader() {
    return settings.apiKeyHeader();
  }

  /**
   * Empty when the request may read, else the refusal.
   *
   * @param authorization the Authorization header, or null
   * @param apiKey the configured key header, or null
   * @param client the client's address, which failed credentials count against
   */
  Optional<Problem> check(String authorization, String apiKey, String client) {
    if (!settings.enabled()) {
      return Optional.empty();
    }
    String presented = presented(authorization, apiKey);
    if (presented == null) {
      return open() ? Optional.empty() : Optional.of(missing());
    }
    Optional<Duration> blocked = failures.blockedFor(client);
    if (blocked.isPresent()) {
      return Optional.of(tooManyFailures(blocked.get()));
    }
    ApiPrincipal principal = accepted.getIfPresent(presented);
    if (principal == null) {
      if (isOtherBearer(authorization)) {
        return Optional.of(tokenElsewhere());
      }
      AuthenticationOutcome outcome;
      try {
        outcome = keys.authenticate(presented);
      } catch (KeyStoreException e) {
        return Optional.of(storeUnavailable());
      }
      if (outcome instanceof AuthenticationOutcome.Rejected rejected) {
        failures.recordFailure(client);
        return Optional.of(rejected(rejected));
      }
      principal = ((AuthenticationOutcome.Accepted) outcome).principal();
      accepted.put(presented, principal);
    }
    if (open() || principal.has(Scope.SEARCH)) {
      return Optional.empty();
    }
    return Optional.of(lacksScope(principal));
  }

  /** The credential, read like the main port's filter reads it: Authorization wins. */
  private static String presented(String authorization, String apiKey) {
    if (authorization != null) {
      boolean bearer = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
      return bearer ? authorization.substring(BEARER.length()).strip() : authorization;
    }
    return apiKey == null ? null : apiKey.strip();
  }

  /** A Bearer value that is not an API key: an OIDC access token, which the main port checks. */
  private static boolean isOtherBearer(String authorization) {
    return authorization != null
        && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
        && !authorization.substring(BEARER.length()).strip().startsWith(PresentedKey.PREFIX);
  }

  private Problem missing() {
    return Problem.of(
            401,
            "api-key-missing",
            "this route needs an API key with scope '"
                + SCOPE
                + "': send it in the Authorization header as 'Bearer isk_...' or in the "
                + settings.apiKeyHeader()
                + " header")
        .withHeader("WWW-Authenticate", REALM + ", scope=\"" + SCOPE + "\"")
        .withMember("required_scope", SCOPE);
  }

  private static Problem rejected(AuthenticationOutcome.Rejected rejected) {
    String advice = rejected.reason().advice();
    return Problem.of(401, "api-key-" + rejected.reason().wireName(), advice)
        .withHeader(
            "WWW-Authenticate",
            REALM + ", error=\"invalid_token\", error_description=\"" + advice + "\"")
        .withMember("reason", rejected.reason().wireName());
  }

  private static Problem tokenElsewhere() {
    return Problem.of(
            401,
            "api-key-malformed",
            "the image delivery port takes API keys (isk_...) only: send access tokens to the main"
                + " port's /images and /thumbnails routes")
        .withHeader("WWW-Authenticate", REALM + ", error=\"invalid_token\"")
        .withMember("reason", "malformed");
  }

  private static Problem lacksScope(ApiPrincipal principal) {
    return Problem.of(
            403,
            "api-key-scope",
            "the API key '"
                + principal.name()
                + "' lacks scope '"
                + SCOPE
                + "', which this route needs: send a key that has it, or ask an administrator for"
                + " one")
        .withHeader(
            "WWW-Authenticate", REALM + ", error=\"insufficient_scope\", scope=\"" + SCOPE + "\"")
        .withMember("required_scope", SCOPE);
  }

  private static Problem tooManyFailures(Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return Problem.of(
            429,
            "authentication-failures",
            "too many failed authentications from this address: wait "
                + seconds
                + " s (Retry-After), then send a valid API key")
        .withHeader("Retry-After", Long.toString(seconds));
  }

  private static Problem storeUnavailable() {
    return Problem.of(
            503,
            "dependency-unavailable",
            "the API key store is not reachable right now, so the key could not be checked; retry"
                + " after the Retry-After delay")
        .withHeader("Retry-After", "5");
  }
}
