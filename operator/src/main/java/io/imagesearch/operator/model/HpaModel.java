package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.imagesearch.operator.api.HpaSpec;
import io.imagesearch.operator.api.ImageSearchCluster;

/** CPU autoscaling of an HTTP service (ingest API, search API). */
public final class HpaModel {
  private HpaModel() {}

  public static boolean enabled(ImageSearchCluster cluster, Component component) {
    return component.spec(cluster).hpa != null;
  }

  public static HorizontalPodAutoscaler build(ImageSearchCluster cluster, Component component) {
    HpaSpec hpa = component.spec(cluster).hpa;
    return Names.owned(
        new HorizontalPodAutoscalerBuilder()
            .withMetadata(Names.metadata(cluster, component.name(cluster), component.id()))
            .withNewSpec()
            .withNewScaleTargetRef()
            .withApiVersion("apps/v1")
            .withKind("Deployment")
            .withName(component.name(cluster))
            .endScaleTargetRef()
            .withMinReplicas(hpa.minReplicas)
            .withMaxReplicas(hpa.maxReplicas)
            .addNewMetric()
            .withType("Resource")
            .withNewResource()
            .withName("cpu")
            .withNewTarget()
            .withType("Utilization")
            .withAverageUtilization(hpa.targetCpuUtilization)
            .endTarget()
            .endResource()
            .endMetric()
            .endSpec()
            .build(),
        cluster);
  }
}
