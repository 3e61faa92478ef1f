package io.imagesearch.queue.redis;

import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisStreamCommands;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The workers' consumer group on the task stream, created when first needed and again if the stream
 * was deleted meanwhile (Redis answers {@code NOGROUP}). Created at offset 0, so tasks enqueued
 * before any worker started are delivered too.
 */
final class ConsumerGroup {

  private final StringRedisTemplate redis;
  private final String stream;
  private final String name;
  private volatile boolean known;

  ConsumerGroup(StringRedisTemplate redis, String stream, String name) {
    this.redis = redis;
    this.stream = stream;
    this.name = name;
  }

  /** Runs a group command, creating the group first if needed and once more on NOGROUP. */
  <T> T run(Supplier<T> command) {
    if (!known) {
      create();
    }
    try {
      return command.get();
    } catch (DataAccessException e) {
      if (!mentions(e, "NOGROUP")) {
        throw e;
      }
      create();
      return command.get();
    }
  }

  /** {@code XGROUP CREATE ... 0 MKSTREAM}; an existing group (BUSYGROUP) is fine. */
  private void create() {
    try {
      redis.execute(
          (RedisCallback<String>)
              connection -> {
                RedisStreamCommands commands = connection.streamCommands();
                return commands.xGroupCreate(
                    redis.getStringSerializer().serialize(stream),
                    name,
                    ReadOffset.from("0"),
                    true);
              });
    } catch (DataAccessException e) {
      if (!mentions(e, "BUSYGROUP")) {
        throw e;
      }
    }
    known = true;
  }

  private static boolean mentions(Throwable error, String code) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(code)) {
        return true;
      }
    }
    return false;
  }
}
