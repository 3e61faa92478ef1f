package io.imagesearch.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The delivery port, bound from {@code imagesearch.delivery.*} and checked when bound.
 *
 * @param port where GET/HEAD /images/{id} and /thumbnails/{id} are served; -1 turns the port off, 0
 *     picks a free one (tests)
 * @param address the interface to listen on; empty means the one of {@code server.address}, or all
 * @param cacheBytes the cache's bound: object bytes plus their pre-built heads
 * @param maxCachedObjectBytes larger objects are streamed from the store, never cached
 * @param keepAliveRequests requests per connection before it is closed (nginx's default 1000)
 * @param keepAliveTimeout an idle connection is closed after this (nginx's default 75 s)
 * @param acceptedKeyTime how long an accepted API key is taken on trust before the key store is
 *     asked again: a revoked key stops working on this port at most this much later
 * @param loaderThreads threads that read missed objects from the store; event loops never block
 */
@ConfigurationProperties("imagesearch.delivery")
public record DeliverySettings(
    @DefaultValue("-1") int port,
    @DefaultValue("") String address,
    @DefaultValue("268435456") long cacheBytes,
    @DefaultValue("8388608") long maxCachedObjectBytes,
    @DefaultValue("1000") int keepAliveRequests,
    @DefaultValue("75s") Duration keepAliveTimeout,
    @DefaultValue("1s") Duration acceptedKeyTime,
    @DefaultValue("16") int loaderThreads) {

  public DeliverySettings {
    require(
        port >= -1 && port <= 65535, "port must be -1 (off), 0 (any free port) or 1-65535", port);
    require(cacheBytes >= 0, "cache-bytes must be 0 or more", cacheBytes);
    require(
        maxCachedObjectBytes >= 1 && maxCachedObjectBytes <= Integer.MAX_VALUE - 1024,
        "max-cached-object-bytes must be between 1 and 2 GiB",
        maxCachedObjectBytes);
    require(keepAliveRequests >= 1, "keep-alive-requests must be 1 or more", keepAliveRequests);
    require(
        keepAliveTimeout != null && keepAliveTimeout.toMillis() >= 1,
        "keep-alive-timeout must be at least 1ms",
        keepAliveTimeout);
    require(
        acceptedKeyTime != null && !acceptedKeyTime.isNegative(),
        "accepted-key-time must be 0 or more",
        acceptedKeyTime);
    require(loaderThreads >= 1, "loader-threads must be 1 or more", loaderThreads);
    address = address == null ? "" : address.strip();
  }

  public boolean enabled() {
    return port >= 0;
  }

  private static void require(boolean ok, String rule, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("imagesearch.delivery." + rule + ", got " + value);
    }
  }
}
