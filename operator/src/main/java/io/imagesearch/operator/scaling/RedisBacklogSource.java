package io.imagesearch.operator.scaling;

import io.imagesearch.operator.api.ImageSearchCluster;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a cluster's ingest backlog from its Redis: {@code XLEN <prefix>:tasks + ZCARD
 * <prefix>:tasks:delayed}, the same count the services' {@code imagesearch_queue_backlog} gauge
 * reports. A Redis that does not answer within the timeout yields empty, and the scaler keeps the
 * current worker count rather than guessing.
 */
public final class RedisBacklogSource implements BacklogSource, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisBacklogSource.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** The services' default key prefix (imagesearch.queue.key-prefix). */
  public static final String DEFAULT_KEY_PREFIX = "imagesearch";

  private final Function<ImageSearchCluster, Optional<RedisTarget>> targets;
  private final String keyPrefix;
  private final RedisClient client = RedisClient.create();

  public RedisBacklogSource(
      Function<ImageSearchCluster, Optional<RedisTarget>> targets, String keyPrefix) {
    this.targets = targets;
    this.keyPrefix = keyPrefix;
  }

  @Override
  public OptionalLong backlog(ImageSearchCluster cluster) {
    Optional<RedisTarget> target = targets.apply(cluster);
    if (target.isEmpty()) {
      return OptionalLong.empty();
    }
    try (StatefulRedisConnection<String, String> connection =
        client.connect(target.get().uri(TIMEOUT))) {
      long stream = connection.sync().xlen(keyPrefix + ":tasks");
      long delayed = connection.sync().zcard(keyPrefix + ":tasks:delayed");
      return OptionalLong.of(stream + delayed);
    } catch (RuntimeException e) {
      LOG.debug("Backlog of {} unreadable: {}", cluster.getMetadata().getName(), e.toString());
      return OptionalLong.empty();
    }
  }

  @Override
  public void close() {
    client.shutdown();
  }
}
