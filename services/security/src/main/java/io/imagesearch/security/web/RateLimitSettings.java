package io.imagesearch.security.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request rate limits, bound from {@code imagesearch.security.rate-limit.*} and checked when bound.
 * Searches are limited per API key, and per client address for callers without a key (public
 * reads); uploads per key, counting files. Keys with the admin scope are not limited: an admin can
 * make any number of keys, so a limit on theirs would bound nothing. Each replica counts on its own
 * (docs/SECURITY.md, "Rate limits and quotas").
 *
 * @param enabled whether requests are limited at all (never while authentication is off)
 * @param searchPerKey searches (text, by image, similar, duplicates) one key may send
 * @param searchPerAddress searches one client address may send without a key
 * @param uploadPerKey files one key may upload
 * @param trackedClients keys and addresses remembered per limit, the least recently active
 *     forgotten first, which bounds the memory a flood of addresses can take
 */
@ConfigurationProperties("imagesearch.security.rate-limit")
public record RateLimitSettings(
    @DefaultValue("true") boolean enabled,
    Rate searchPerKey,
    Rate searchPerAddress,
    Rate uploadPerKey,
    @DefaultValue("10000") int trackedClients) {

  private static final String PREFIX = "imagesearch.security.rate-limit.";

  /** 30 searches a second, bursts of 60: several times what a person in the web UI sends. */
  public static final Rate SEARCH_PER_KEY = new Rate(30, Duration.ofSeconds(1), 60);

  public static final Rate SEARCH_PER_ADDRESS = SEARCH_PER_KEY;

  /** 20 files a second, bursts of 200: two full batches of 100 files at once. */
  public static final Rate UPLOAD_PER_KEY = new Rate(20, Duration.ofSeconds(1), 200);

  public RateLimitSettings {
    searchPerKey = checked("search-per-key", searchPerKey, SEARCH_PER_KEY);
    searchPerAddress = checked("search-per-address", searchPerAddress, SEARCH_PER_ADDRESS);
    uploadPerKey = checked("upload-per-key", uploadPerKey, UPLOAD_PER_KEY);
    if (trackedClients < 1) {
      throw new IllegalArgumentException(
          PREFIX + "tracked-clients must be at least 1, got " + trackedClients);
    }
  }

  public static RateLimitSettings defaults() {
    return new RateLimitSettings(true, null, null, null, 10_000);
  }

  /**
   * {@code rate} requests (or files) per {@code period}, refilled evenly, and up to {@code burst}
   * at once after a quiet spell. A part left out takes the default's.
   */
  public record Rate(Integer rate, Duration period, Integer burst) {}

  private static Rate checked(String name, Rate given, Rate defaults) {
    Rate rate =
        given == null
            ? defaults
            : new Rate(
                given.rate() == null ? defaults.rate() : given.rate(),
                given.period() == null ? defaults.period() : given.period(),
                given.burst() == null ? defaults.burst() : given.burst());
    if (rate.rate() < 1) {
      throw new IllegalArgumentException(
          PREFIX + name + ".rate must be at least 1, got " + rate.rate());
    }
    if (rate.period().isNegative() || rate.period().isZero()) {
      throw new IllegalArgumentException(
          PREFIX + name + ".period must be positive, e.g. 1s, got " + rate.period());
    }
    if (rate.burst() < 1) {
      throw new IllegalArgumentException(
          PREFIX + name + ".burst must be at least 1, got " + rate.burst());
    }
    return rate;
  }
}
