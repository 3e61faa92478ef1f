package io.imagesearch.operator.scaling;

import io.lettuce.core.RedisURI;
import java.time.Duration;

/** Where a cluster's Redis answers and the password it wants (null when it has none). */
public record RedisTarget(String host, int port, String password) {

  /** The address for a client whose commands give up after {@code timeout}. */
  public RedisURI uri(Duration timeout) {
    RedisURI.Builder uri = RedisURI.builder().withHost(host).withPort(port).withTimeout(timeout);
    if (password != null) {
      uri.withPassword(password.toCharArray());
    }
    return uri.build();
  }
}
