package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.imagesearch.operator.api.AutoscalingSpec;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.optional.ScaledObject;
import java.util.List;
import java.util.Map;

/**
 * A KEDA ScaledObject scaling the workers on the Redis stream's consumer-group lag, used instead of
 * the operator's own scaling when autoscaling.mode is keda and KEDA is installed.
 */
public final class ScaledObjectModel {
  public static final String KEDA_API = "keda.sh/v1alpha1";

  private ScaledObjectModel() {}

  public static boolean wanted(ImageSearchCluster cluster) {
    AutoscalingSpec autoscaling = cluster.getSpec().worker.autoscaling;
    return autoscaling != null && autoscaling.mode == AutoscalingSpec.Mode.keda;
  }

  public static ScaledObject build(ImageSearchCluster cluster) {
    AutoscalingSpec autoscaling = cluster.getSpec().worker.autoscaling;
    Map<String, Object> trigger =
        Map.of(
            "type",
            "redis-streams",
            "metadata",
            Map.of(
                "address",
                Dependency.REDIS.endpoint(cluster),
                // KEDA reads the variable from the worker container, which already has it.
                "passwordFromEnv",
                "SPRING_DATA_REDIS_PASSWORD",
                "stream",
                ServiceConfig.KEY_PREFIX + ":tasks",
                "consumerGroup",
                "workers",
                "lagCount",
                String.valueOf(autoscaling.targetBacklogPerWorker)));
    return Typed.as(
        new GenericKubernetesResourceBuilder()
            .withApiVersion(KEDA_API)
            .withKind("ScaledObject")
            .withMetadata(Names.metadata(cluster, Component.WORKER.name(cluster), "worker"))
            .withAdditionalProperties(
                Map.of(
                    "spec",
                    Map.of(
                        "scaleTargetRef", Map.of("name", Component.WORKER.name(cluster)),
                        "minReplicaCount", autoscaling.min,
                        "maxReplicaCount", autoscaling.max,
                        "advanced",
                            Map.of(
                                "horizontalPodAutoscalerConfig",
                                Map.of(
                                    "behavior",
                                    Map.of(
                                        "scaleDown",
                                        Map.of(
                                            "stabilizationWindowSeconds",
                                            autoscaling.stabilizationSeconds)))),
                        "triggers", List.of(trigger))))
            .build(),
        cluster,
        ScaledObject.class);
  }
}
