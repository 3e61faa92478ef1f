package io.imagesearch.queue.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import java.time.Duration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Lettuce connections that fail fast while Redis is down. Lettuce's default queues commands while
 * it reconnects, so an upload would hang for the whole command timeout instead of getting a prompt
 * 503; here commands are rejected while disconnected and reconnection continues in the background.
 * Spring Boot applications get the same with a {@code LettuceClientConfigurationBuilderCustomizer}
 * applying {@link #failFast}.
 */
public final class RedisConnections {

  /** Longer than any blocking read slice of the queue (1 s), short enough for an HTTP request. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);

  private RedisConnections() {}

  /** A started factory for a standalone server; the caller destroys it. */
  public static LettuceConnectionFactory standalone(String host, int port) {
    LettuceClientConfiguration client =
        LettuceClientConfiguration.builder()
            .clientOptions(failFast())
            .commandTimeout(DEFAULT_COMMAND_TIMEOUT)
            .build();
    LettuceConnectionFactory factory =
        new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port), client);
    factory.afterPropertiesSet();
    factory.start();
    return factory;
  }

  public static ClientOptions failFast() {
    return ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS)
        .build();
  }
}
