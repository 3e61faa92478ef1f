package io.imagesearch.queue.redis;

import java.time.Duration;
import java.util.UUID;

/** Configs of their own for each queue or store under test, so tests share one server safely. */
final class RedisTestSupport {

  private RedisTestSupport() {}

  static RedisQueueConfig freshConfig(Duration visibilityTimeout) {
    return RedisQueueConfig.defaults()
        .withKeyPrefix("it-" + UUID.randomUUID())
        .withVisibilityTimeout(visibilityTimeout);
  }
}
