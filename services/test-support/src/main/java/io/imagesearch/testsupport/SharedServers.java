package io.imagesearch.testsupport;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects test servers as parameters. Each kind starts once per JVM, on first use, and stops when
 * the test run ends (the root store closes what it holds). Tests that stop or break a server start
 * their own with {@code XServer.start()} instead.
 */
public final class SharedServers implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedServers.class);

  private static final Map<Class<?>, Supplier<? extends AutoCloseable>> STARTERS =
      Map.of(
          RedisServer.class, RedisServer::start,
          MinioServer.class, MinioServer::start,
          MilvusServer.class, MilvusServer::start,
          KubeApiServer.class, KubeApiServer::start);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return STARTERS.containsKey(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context, parameter.getParameter().getType());
  }

  /** The run's server of {@code type}, started on first use. */
  static <T> T shared(ExtensionContext context, Class<T> type) {
    return type.cast(
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(type, key -> (Object) STARTERS.get(key).get()));
  }
}
