package io.imagesearch.clustere2e;

import static io.imagesearch.contract.queue.SampleTasks.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.imagesearch.core.port.TaskQueue;
import io.imagesearch.operator.api.AutoscalingSpec;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterSpec;
import io.imagesearch.operator.model.ScaledObjectModel;
import io.imagesearch.operator.model.ServiceConfig;
import io.imagesearch.operator.scaling.RedisBacklogSource;
import io.imagesearch.operator.scaling.RedisTarget;
import io.imagesearch.queue.redis.RedisConnections;
import io.imagesearch.queue.redis.RedisQueueConfig;
import io.imagesearch.queue.redis.RedisStreamsTaskQueue;
import io.imagesearch.testsupport.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The operator reads the services' Redis queue without sharing its code (it must not depend on the
 * services): its backlog and KEDA's trigger name keys the queue adapter writes. On a real Redis,
 * the queue as the services run it and the operator's readers must agree.
 */
class QueueLayoutContractIT {
  private RedisServer redis;
  private LettuceConnectionFactory connections;
  private StringRedisTemplate template;

  @BeforeEach
  void start() {
    redis = RedisServer.start();
    connections = RedisConnections.standalone(redis.host(), redis.port());
    template = new StringRedisTemplate(connections);
  }

  @AfterEach
  void stop() {
    connections.destroy();
    redis.close();
  }

  @Test
  void theOperatorsBacklogCountsWhatTheQueueHoldsDueAndDelayed() throws Exception {
    // The operator renders the services' key prefix into their configuration.
    RedisQueueConfig config = RedisQueueConfig.defaults().withKeyPrefix(ServiceConfig.KEY_PREFIX);
    RedisStreamsTaskQueue queue = new RedisStreamsTaskQueue(template, config);
    for (int i = 0; i < 5; i++) {
      queue.enqueue(task(i));
    }
    List<TaskQueue.Delivery> taken = queue.poll("worker-1", 2, Duration.ZERO);
    queue.retryLater(taken.getFirst(), Duration.ofHours(1), "waits out a backoff");
    queue.acknowledge(taken.get(1));

    try (RedisBacklogSource operator =
        new RedisBacklogSource(
            c -> Optional.of(new RedisTarget(redis.host(), redis.port(), null)),
            RedisBacklogSource.DEFAULT_KEY_PREFIX)) {
      assertThat(operator.backlog(cluster("keys"))).hasValue(queue.backlog());
    }
    assertThat(queue.backlog()).isEqualTo(4);
  }

  @SuppressWarnings("unchecked")
  @Test
  void kedasTriggerWatchesTheStreamAndGroupTheWorkersConsume() {
    RedisStreamsTaskQueue queue =
        new RedisStreamsTaskQueue(
            template, RedisQueueConfig.defaults().withKeyPrefix(ServiceConfig.KEY_PREFIX));
    queue.enqueue(task(1));
    queue.poll("worker-1", 1, Duration.ZERO);

    ImageSearchCluster cluster = cluster("keda");
    cluster.getSpec().worker.autoscaling = new AutoscalingSpec();
    cluster.getSpec().worker.autoscaling.mode = AutoscalingSpec.Mode.keda;
    Map<String, Object> spec = ScaledObjectModel.build(cluster).getSpec();
    Map<String, Object> trigger = ((List<Map<String, Object>>) spec.get("triggers")).getFirst();
    Map<String, String> metadata = (Map<String, String>) trigger.get("metadata");

    assertThat(template.opsForStream().groups(metadata.get("stream")))
        .anySatisfy(
            group -> assertThat(group.groupName()).isEqualTo(metadata.get("consumerGroup")));
  }

  private static ImageSearchCluster cluster(String name) {
    ImageSearchCluster cluster = new ImageSearchCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("contract").build());
    cluster.setSpec(new ImageSearchClusterSpec());
    cluster.getSpec().version = "dev";
    return cluster;
  }
}
