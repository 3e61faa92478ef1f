package io.imagesearch.queue.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts beside this class. Each runs atomically in Redis, which is what makes a multi-key
 * step (claim check, move, release) safe with any number of workers. Spring runs them by SHA and
 * resends the source after a server restart emptied the script cache.
 */
final class LuaScripts {

  static final RedisScript<List> RECLAIM = load(List.class, "reclaim.lua");
  static final RedisScript<List> PROMOTE = load(List.class, "promote.lua");
  static final RedisScript<Long> ACKNOWLEDGE = load(Long.class, "acknowledge.lua");
  static final RedisScript<Long> RETRY = load(Long.class, "held-claim.lua", "retry.lua");
  static final RedisScript<Long> RELEASE = load(Long.class, "held-claim.lua", "release.lua");
  static final RedisScript<Long> BURY = load(Long.class, "held-claim.lua", "bury.lua");
  static final RedisScript<Long> BACKLOG = load(Long.class, "backlog.lua");
  static final RedisScript<Long> PUT_STATUS = load(Long.class, "put-status.lua");
  static final RedisScript<Long> WRITE_MODEL_STATE = load(Long.class, "write-model-state.lua");
  static final RedisScript<Long> RENEW_LEASE = load(Long.class, "renew-lease.lua");
  static final RedisScript<Long> RELEASE_LEASE = load(Long.class, "release-lease.lua");

  private LuaScripts() {}

  /** Concatenates the parts, so scripts can share functions (Redis has no script imports). */
  private static <T> RedisScript<T> load(Class<T> resultType, String... parts) {
    StringBuilder source = new StringBuilder();
    for (String part : parts) {
      try (InputStream in = LuaScripts.class.getResourceAsStream(part)) {
        if (in == null) {
          throw new IllegalStateException("missing script resource " + part);
        }
        source.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read script " + part, e);
      }
    }
    return new DefaultRedisScript<>(source.toString(), resultType);
  }
}
