package io.imagesearch.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final ManualTime time = new ManualTime();

  /** 2 a second, bursts of 4. */
  private final RateLimiter limiter =
      new RateLimiter(new RateLimitSettings.Rate(2, Duration.ofSeconds(1), 4), 2, time);

  @Test
  void aBurstPassesThenTheNextWaitsForItsTokenAndPassesOnceItCame() {
    for (int i = 3; i >= 0; i--) {
      RateLimiter.Decision decision = limiter.take("key a", 1);
      assertThat(decision.allowed()).isTrue();
      assertThat(decision.remaining()).isEqualTo(i);
    }

    RateLimiter.Decision refused = limiter.take("key a", 1);
    assertThat(refused.allowed()).isFalse();
    assertThat(Duration.ofNanos(refused.nanosToWait())).isEqualTo(Duration.ofMillis(500));
    assertThat(RateLimitResponses.wholeSeconds(refused.nanosToWait())).isEqualTo(1);

    time.advance(Duration.ofMillis(499));
    assertThat(limiter.take("key a", 1).allowed()).isFalse();
    time.advance(Duration.ofMillis(1));
    assertThat(limiter.take("key a", 1).allowed()).isTrue();
  }

  @Test
  void clientsHaveBucketsOfTheirOwn() {
    limiter.take("key a", 4);

    assertThat(limiter.take("key a", 1).allowed()).isFalse();
    assertThat(limiter.take("key b", 1).allowed()).isTrue();
  }

  @Test
  void aRequestForMoreThanTheBurstTakesAWholeBurstInstead() {
    assertThat(limiter.take("key a", 100).allowed()).isTrue();
    assertThat(limiter.take("key a", 1).allowed()).isFalse();

    time.advance(Duration.ofSeconds(2));
    assertThat(limiter.take("key a", 100).allowed()).isTrue();
  }

  @Test
  void aRefusedRequestTakesNothingAndSaysWhenItWouldPass() {
    limiter.take("key a", 3);

    RateLimiter.Decision refused = limiter.take("key a", 3);

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isEqualTo(1);
    assertThat(Duration.ofNanos(refused.nanosToWait())).isEqualTo(Duration.ofSeconds(1));
    assertThat(limiter.take("key a", 1).allowed()).isTrue();
  }

  @Test
  void aPeekTakesNothing() {
    limiter.take("key a", 3);

    assertThat(limiter.peek("key a").allowed()).isTrue();
    assertThat(limiter.peek("key a").remaining()).isEqualTo(1);
    limiter.take("key a", 1);
    assertThat(limiter.peek("key a").allowed()).isFalse();
  }

  @Test
  void beyondTheTrackedCountTheLeastRecentlyActiveClientStartsAfresh() {
    limiter.take("key a", 4);
    limiter.take("key b", 1);
    limiter.take("key c", 1);

    assertThat(limiter.take("key a", 4).allowed()).isTrue();
  }

  @Test
  void waitsAreRoundedUpToWholeSeconds() {
    assertThat(RateLimitResponses.wholeSeconds(1)).isEqualTo(1);
    assertThat(RateLimitResponses.wholeSeconds(1_000_000_000L)).isEqualTo(1);
    assertThat(RateLimitResponses.wholeSeconds(1_000_000_001L)).isEqualTo(2);
    assertThat(RateLimitResponses.wholeSeconds(0)).isEqualTo(1);
  }
}
