package io.imagesearch.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.testsupport.SharedRedisTemplate;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.redis.core.StringRedisTemplate;

@ExtendWith(SharedRedisTemplate.class)
class RedisMigrationLeaseIT {

  private static StringRedisTemplate redis;

  @BeforeAll
  static void connect(StringRedisTemplate shared) {
    redis = shared;
  }

  @Test
  void oneHolderAtATime() {
    RedisQueueConfig config = RedisTestSupport.freshConfig(Duration.ofMinutes(1));
    RedisMigrationLease first = new RedisMigrationLease(redis, config, "w1", Duration.ofMinutes(1));
    RedisMigrationLease second =
        new RedisMigrationLease(redis, config, "w2", Duration.ofMinutes(1));

    assertThat(first.tryAcquire()).isTrue();
    assertThat(second.tryAcquire()).isFalse();
    assertThat(second.renew()).isFalse();
    assertThat(first.tryAcquire()).isTrue();
    assertThat(first.renew()).isTrue();
    assertThat(redis.opsForValue().get(config.keys().migrationLease())).isEqualTo("w1");
  }

  @Test
  void aReleasedLeaseGoesToTheNextHolder() {
    RedisQueueConfig config = RedisTestSupport.freshConfig(Duration.ofMinutes(1));
    RedisMigrationLease first = new RedisMigrationLease(redis, config, "w1", Duration.ofMinutes(1));
    RedisMigrationLease second =
        new RedisMigrationLease(redis, config, "w2", Duration.ofMinutes(1));
    first.tryAcquire();

    first.release();

    assertThat(second.tryAcquire()).isTrue();
    first.release();
    assertThat(second.renew()).isTrue();
  }

  /** A holder that stopped renewing (killed, paused) loses the lease; it cannot take it back. */
  @Test
  void anExpiredLeaseGoesToTheNextHolderAndTheOldOneCannotRenewIt() {
    RedisQueueConfig config = RedisTestSupport.freshConfig(Duration.ofMinutes(1));
    RedisMigrationLease first = new RedisMigrationLease(redis, config, "w1", Duration.ofMinutes(1));
    RedisMigrationLease second =
        new RedisMigrationLease(redis, config, "w2", Duration.ofMinutes(1));
    first.tryAcquire();
    // The expiry itself is Redis's: let it happen now instead of waiting it out.
    redis.expire(config.keys().migrationLease(), Duration.ofMillis(1));
    while (Boolean.TRUE.equals(redis.hasKey(config.keys().migrationLease()))) {
      Thread.onSpinWait();
    }

    assertThat(second.tryAcquire()).isTrue();
    assertThat(first.renew()).isFalse();
    first.release();
    assertThat(redis.opsForValue().get(config.keys().migrationLease())).isEqualTo("w2");
  }
}
