package io.imagesearch.queue.redis;

import io.imagesearch.core.port.MigrationLease;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The {@link MigrationLease} as one Redis string ({@code <prefix>:model-migration-lease}) holding
 * this holder's name: taken with SET NX PX, renewed and released by Lua scripts that first check
 * the holder, so a holder whose lease expired (a paused or killed process) cannot extend or delete
 * the next holder's.
 */
public final class RedisMigrationLease implements MigrationLease {

  private final StringRedisTemplate redis;
  private final String key;
  private final String holder;
  private final Duration ttl;

  public RedisMigrationLease(
      StringRedisTemplate redis, RedisQueueConfig config, String holder, Duration ttl) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.key = config.keys().migrationLease();
    this.holder = Objects.requireNonNull(holder, "holder");
    if (ttl.toMillis() < 1) {
      throw new IllegalArgumentException("a lease lasts at least 1 ms");
    }
    this.ttl = ttl;
  }

  @Override
  public boolean tryAcquire() {
    if (renew()) {
      return true;
    }
    return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key, holder, ttl));
  }

  @Override
  public boolean renew() {
    Long renewed =
        redis.execute(LuaScripts.RENEW_LEASE, List.of(key), holder, Long.toString(ttl.toMillis()));
    return renewed != null && renewed == 1L;
  }

  @Override
  public void release() {
    redis.execute(LuaScripts.RELEASE_LEASE, List.of(key), holder);
  }

  @Override
  public String holder() {
    return holder;
  }

  @Override
  public Duration ttl() {
    return ttl;
  }
}
