package io.imagesearch.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Injects a {@link StringRedisTemplate} on the run's shared {@link RedisServer}: one connection
 * factory for the whole run, closed when it ends. Tests keep apart by key prefix. A separate
 * extension from {@link SharedServers} so that modules without spring-data-redis can use that one.
 */
public final class SharedRedisTemplate implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedRedisTemplate.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == StringRedisTemplate.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    RedisServer server = SharedServers.shared(context, RedisServer.class);
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(Connections.class, key -> new Connections(server), Connections.class)
        .template();
  }

  /** Closed by the root store at the end of the run, before the server it connects to. */
  private record Connections(LettuceConnectionFactory factory, StringRedisTemplate template)
      implements AutoCloseable {

    Connections(RedisServer server) {
      this(started(server));
    }

    private Connections(LettuceConnectionFactory factory) {
      this(factory, new StringRedisTemplate(factory));
    }

    private static LettuceConnectionFactory started(RedisServer server) {
      var factory =
          new LettuceConnectionFactory(
              new RedisStandaloneConfiguration(server.host(), server.port()));
      factory.afterPropertiesSet();
      factory.start();
      return factory;
    }

    @Override
    public void close() {
      factory.destroy();
    }
  }
}
