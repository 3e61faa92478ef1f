package io.imagesearch.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthenticationFailureLimiterTest {

  private final ManualTime time = new ManualTime();
  private final AuthenticationFailureLimiter limiter =
      new AuthenticationFailureLimiter(
          new SecuritySettings.FailureLimit(2, Duration.ofMinutes(1), 2), time);

  @Test
  void anAddressIsBlockedOnceItUsedItsFailuresAndFreedAsTheyRefill() {
    limiter.recordFailure("a");
    assertThat(limiter.blockedFor("a")).isEmpty();
    limiter.recordFailure("a");

    assertThat(limiter.blockedFor("a")).contains(Duration.ofSeconds(30));
    time.advance(Duration.ofSeconds(20));
    assertThat(limiter.blockedFor("a")).contains(Duration.ofSeconds(10));
    time.advance(Duration.ofSeconds(10));
    assertThat(limiter.blockedFor("a")).isEmpty();
  }

  @Test
  void addressesAreLimitedApart() {
    limiter.recordFailure("a");
    limiter.recordFailure("a");

    assertThat(limiter.blockedFor("b")).isEmpty();
  }

  @Test
  void beyondTheTrackedCountTheLeastRecentlyFailingAddressIsForgotten() {
    limiter.recordFailure("a");
    limiter.recordFailure("a");
    limiter.recordFailure("b");
    limiter.recordFailure("c");

    assertThat(limiter.blockedFor("a")).isEmpty();
  }
}
