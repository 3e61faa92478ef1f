package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.imagesearch.operator.api.GpuSpec;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/** The Deployment of one stateless service. */
public final class DeploymentModel {
  public static final String CONFIG_HASH_ANNOTATION = "imagesearch.io/config-sha256";
  public static final String GPU_RESOURCE = "nvidia.com/gpu";

  private DeploymentModel() {}

  /**
   * @param replicas null leaves the field to an autoscaler (HPA or KEDA)
   */
  public static Deployment build(
      ImageSearchCluster cluster, Component component, Integer replicas) {
    ServiceSpec spec = component.spec(cluster);
    var pod =
        new PodSpecBuilder()
            .withSecurityContext(PodSecurity.pod(PodSecurity.USER))
            .withAutomountServiceAccountToken(false)
            .addToContainers(container(cluster, component, spec))
            .addToVolumes(PodSecurity.tmpVolume())
            .addNewVolume()
            .withName("config")
            .withNewConfigMap()
            .withName(ConfigMapModel.name(cluster))
            .endConfigMap()
            .endVolume();
    if (component == Component.WORKER) {
      GpuSpec gpu = cluster.getSpec().worker.gpu;
      if (gpu != null) {
        pod.withNodeSelector(gpu.nodeSelector)
            .withTolerations(gpu.tolerations)
            .withRuntimeClassName(gpu.runtimeClassName);
      }
    }
    return Names.owned(
        new DeploymentBuilder()
            .withMetadata(Names.metadata(cluster, component.name(cluster), component.id()))
            .withNewSpec()
            .withReplicas(replicas)
            .withNewSelector()
            .withMatchLabels(Names.selector(cluster, component.id()))
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(Names.labels(cluster, component.id()))
            // A config change restarts the pods; the services read their config once at start.
            .addToAnnotations(
                CONFIG_HASH_ANNOTATION, ServiceConfig.sha256(ServiceConfig.render(cluster)))
            .endMetadata()
            .withSpec(pod.build())
            .endTemplate()
            .endSpec()
            .build(),
        cluster);
  }

  private static Container container(
      ImageSearchCluster cluster, Component component, ServiceSpec spec) {
    List<EnvVar> env = new ArrayList<>();
    env.add(
        new EnvVar(
            "SPRING_CONFIG_ADDITIONAL_LOCATION",
            "optional:file:" + ServiceConfig.MOUNT_PATH + "/",
            null));
    // Every service listens on one port in the cluster, whatever its local default.
    env.add(new EnvVar("SERVER_PORT", String.valueOf(Component.HTTP_PORT), null));
    env.add(new EnvVar("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp", null));
    env.addAll(CredentialEnv.forComponent(cluster, component));
    return new ContainerBuilder()
        .withName(component.id())
        .withImage(component.image(cluster))
        .addNewPort()
        .withName("http")
        .withContainerPort(Component.HTTP_PORT)
        .withProtocol("TCP")
        .endPort()
        .withEnv(env)
        .withResources(resources(cluster, component, spec))
        .withLivenessProbe(probe("/actuator/health/liveness", 6))
        .withReadinessProbe(probe("/actuator/health/readiness", 3))
        .withSecurityContext(PodSecurity.container())
        .addToVolumeMounts(PodSecurity.tmpMount())
        .addNewVolumeMount()
        .withName("config")
        .withMountPath(ServiceConfig.MOUNT_PATH)
        .withReadOnly(true)
        .endVolumeMount()
        .build();
  }

  private static ResourceRequirements resources(
      ImageSearchCluster cluster, Component component, ServiceSpec spec) {
    ResourceRequirements base =
        component == Component.WORKER
            ? Resources.orDefault(spec.resources, "1", "2Gi")
            : Resources.orDefault(spec.resources, "100m", "512Mi");
    GpuSpec gpu = component == Component.WORKER ? cluster.getSpec().worker.gpu : null;
    if (gpu == null || gpu.count == null || gpu.count == 0) {
      return base;
    }
    // Extended resources must be set as limits (requests default to them).
    return new ResourceRequirementsBuilder(base)
        .addToLimits(GPU_RESOURCE, new Quantity(String.valueOf(gpu.count)))
        .build();
  }

  private static Probe probe(String path, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withNewPort("http")
        .endHttpGet()
        .withInitialDelaySeconds(10)
        .withPeriodSeconds(10)
        .withTimeoutSeconds(2)
        .withFailureThreshold(failureThreshold)
        .build();
  }
}
