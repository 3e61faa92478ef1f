package io.imagesearch.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.imagesearch.operator.migration.RedisModelStateSource;
import io.imagesearch.operator.scaling.ClusterRedisTargets;
import io.imagesearch.operator.scaling.RedisBacklogSource;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;

/**
 * Runs the operator against the current kubeconfig or in-cluster service account. Configuration:
 * see {@link OperatorSettings}.
 */
public final class OperatorMain {
  private OperatorMain() {}

  public static void main(String[] args) throws Exception {
    OperatorSettings settings = OperatorSettings.fromEnv(System.getenv());
    KubernetesClient client = new KubernetesClientBuilder().build();
    ClusterRedisTargets redis = new ClusterRedisTargets(client);
    RedisBacklogSource backlog =
        new RedisBacklogSource(redis, RedisBacklogSource.DEFAULT_KEY_PREFIX);
    RedisModelStateSource modelStates =
        new RedisModelStateSource(redis, RedisBacklogSource.DEFAULT_KEY_PREFIX);
    OperatorMetrics metrics = new OperatorMetrics();
    Operator operator =
        OperatorFactory.create(
            client,
            settings,
            backlog,
            modelStates,
            Clock.systemUTC(),
            true,
            metrics.reconciliation());
    operator.installShutdownHook(Duration.ofSeconds(10));
    HealthServer health =
        settings.healthPort() > 0
            ? HealthServer.start(settings.healthPort(), operator, metrics)
            : null;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (health != null) {
                    health.close();
                  }
                  metrics.close();
                  backlog.close();
                  modelStates.close();
                  client.close();
                }));
    operator.start();
  }
}
