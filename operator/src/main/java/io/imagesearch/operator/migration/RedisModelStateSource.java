package io.imagesearch.operator.migration;

import io.imagesearch.core.model.ModelStateProperties;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.scaling.RedisTarget;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Reads the model state with {@code HGETALL <prefix>:model-state} and parses it with the services'
 * own {@link ModelStateProperties}, so the operator reads exactly the keys the workers write. A
 * Redis that does not answer within the timeout is reported as unreadable, never guessed.
 */
public final class RedisModelStateSource implements ModelStateSource, AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final Function<ImageSearchCluster, Optional<RedisTarget>> targets;
  private final String key;
  private final RedisClient client = RedisClient.create();

  /**
   * @param targets where each cluster's Redis answers (the backlog scaler's {@code
   *     ClusterRedisTargets})
   * @param keyPrefix the services' key prefix, {@code imagesearch}
   */
  public RedisModelStateSource(
      Function<ImageSearchCluster, Optional<RedisTarget>> targets, String keyPrefix) {
    this.targets = targets;
    this.key = keyPrefix + ":model-state";
  }

  @Override
  public ModelStateReading read(ImageSearchCluster cluster) {
    Optional<RedisTarget> target = targets.apply(cluster);
    if (target.isEmpty()) {
      return new ModelStateReading.Unreadable("the Redis endpoint is not host:port");
    }
    RedisTarget redis = target.get();
    Map<String, String> fields;
    try (StatefulRedisConnection<String, String> connection = client.connect(redis.uri(TIMEOUT))) {
      fields = connection.sync().hgetall(key);
    } catch (RuntimeException e) {
      return new ModelStateReading.Unreadable(
          "Redis at " + redis.host() + ":" + redis.port() + " cannot be read: " + message(e));
    }
    if (fields.isEmpty()) {
      return new ModelStateReading.Absent();
    }
    Properties props = new Properties();
    props.putAll(fields);
    try {
      return new ModelStateReading.Found(ModelStateProperties.parse(props));
    } catch (IllegalArgumentException e) {
      return new ModelStateReading.Unreadable(
          "the model state in Redis (" + key + ") is malformed: " + e.getMessage());
    }
  }

  /** The innermost cause's message: Lettuce wraps "connection refused" in two layers. */
  private static String message(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  @Override
  public void close() {
    client.shutdown();
  }
}
