package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.imagesearch.operator.api.GpuSpec;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/** The Deployment of one stateless service. */
public final class DeploymentModel {
  public static final String CONFIG_HASH_ANNOTATION = "imagesearch.io/config-sha256";
  public static final String GPU_RESOURCE = "nvidia.com/gpu";
  static final long PRE_STOP_SECONDS = 5;
  static final long SHUTDOWN_PHASE_SECONDS = 30;

  /**
   * After this long without progress the Deployment controller reports ProgressDeadlineExceeded,
   * which the status shows as Degraded: generous for a JVM start on a busy node, far below the
   * default 10 minutes a user would otherwise wait to learn a rollout is stuck.
   */
  public static final int PROGRESS_DEADLINE_SECONDS = 300;

  private DeploymentModel() {}

  /** With the built-in image defaults. */
  public static Deployment build(
      ImageSearchCluster cluster, Component component, Integer replicas) {
    return build(cluster, component, replicas, ImageDefaults.BUILT_IN);
  }

  /** With every embedding service on spec.model. */
  public static Deployment build(
      ImageSearchCluster cluster, Component component, Integer replicas, ImageDefaults images) {
    return build(cluster, component, replicas, images, EmbeddingModel.of(cluster));
  }

  /**
   * @param replicas null leaves the field to an autoscaler (HPA or KEDA)
   * @param images the operator's defaults for what spec.images leaves out
   * @param searchModel the model search-api loads: the active one, which during a change of model
   *     is not yet spec.model (the workers always load spec.model)
   */
  public static Deployment build(
      ImageSearchCluster cluster,
      Component component,
      Integer replicas,
      ImageDefaults images,
      EmbeddingModel searchModel) {
    ServiceSpec spec = component.spec(cluster);
    var pod =
        new PodSpecBuilder()
            .withSecurityContext(PodSecurity.pod(PodSecurity.USER))
            .withAutomountServiceAccountToken(false)
            // The preStop pause plus Spring's shutdown phase (conf/*.yml: 30 s) plus a margin.
            .withTerminationGracePeriodSeconds(PRE_STOP_SECONDS + SHUTDOWN_PHASE_SECONDS + 5)
            .addToContainers(container(cluster, component, spec, images, searchModel))
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
            .withProgressDeadlineSeconds(PROGRESS_DEADLINE_SECONDS)
            .withStrategy(strategy(component))
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

  /**
   * The APIs roll one extra pod at a time and never drop below their replicas, so no request fails
   * during a roll. The workers replace a pod in place instead: a surge pod needs as much again as
   * the biggest consumer of the node, which on a full node never schedules (the rollout deadlocks);
   * queue consumers tolerate a short gap, as unacknowledged tasks are redelivered.
   */
  static DeploymentStrategy strategy(Component component) {
    boolean inPlace = component == Component.WORKER;
    return new DeploymentStrategyBuilder()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxSurge(new IntOrString(inPlace ? 0 : 1))
        .withMaxUnavailable(new IntOrString(inPlace ? 1 : 0))
        .endRollingUpdate()
        .build();
  }

  private static Container container(
      ImageSearchCluster cluster,
      Component component,
      ServiceSpec spec,
      ImageDefaults images,
      EmbeddingModel searchModel) {
    List<EnvVar> env = new ArrayList<>();
    // The file itself, not its folder: each service sets spring.config.name=<service>, so a
    // folder location would be searched for <service>.yml and the mounted file never read.
    env.add(new EnvVar("SPRING_CONFIG_ADDITIONAL_LOCATION", ServiceConfig.LOCATION, null));
    // Every service listens on one port in the cluster, whatever its local default.
    env.add(new EnvVar("SERVER_PORT", String.valueOf(Component.HTTP_PORT), null));
    // Health and metrics on a port of their own: the Ingress routes only to "http", and the
    // NetworkPolicy opens this one to the monitoring namespace alone.
    env.add(new EnvVar("MANAGEMENT_SERVER_PORT", String.valueOf(Component.MANAGEMENT_PORT), null));
    ResourceRequirements resources = resources(cluster, component, spec);
    CdnDelivery.Budget cdnMemory =
        component == Component.CDN
            ? CdnDelivery.budget(cluster, resources.getLimits().get("memory"))
            : null;
    String memoryOptions =
        cdnMemory != null
            ? CdnDelivery.jvmOptions(cdnMemory)
            : "-XX:MaxRAMPercentage=" + heapPercent(component);
    env.add(new EnvVar("JAVA_TOOL_OPTIONS", memoryOptions + " -Djava.io.tmpdir=/tmp", null));
    switch (component) {
      case WORKER -> env.addAll(EmbeddingModel.of(cluster).env());
      case SEARCH_API -> env.addAll(searchModel.env());
      case CDN -> env.addAll(CdnDelivery.env(cdnMemory));
      case INGEST_API -> {
        // It embeds nothing: a change of model leaves it running.
      }
    }
    env.addAll(CredentialEnv.forComponent(cluster, component));
    env.addAll(SecurityEnv.forComponent(cluster, component));
    return new ContainerBuilder()
        .withName(component.id())
        .withImage(images.service(cluster, component))
        .withImagePullPolicy(images.pullPolicy(cluster))
        .withPorts(ports(component))
        .withEnv(env)
        .withResources(resources)
        .withLivenessProbe(probe("/actuator/health/liveness", 6))
        .withReadinessProbe(probe("/actuator/health/readiness", 3))
        // A terminating pod keeps serving until kube-proxy and ingress controllers have dropped
        // its endpoint (they learn of it at the same time as the kubelet); Spring's graceful
        // shutdown then finishes the requests in flight. Without it a rollout fails requests.
        .withNewLifecycle()
        .withNewPreStop()
        .withNewSleep(PRE_STOP_SECONDS)
        .endPreStop()
        .endLifecycle()
        .withSecurityContext(PodSecurity.container())
        .addToVolumeMounts(PodSecurity.tmpMount())
        .addNewVolumeMount()
        .withName("config")
        .withMountPath(ServiceConfig.MOUNT_PATH)
        .withReadOnly(true)
        .endVolumeMount()
        .build();
  }

  private static List<ContainerPort> ports(Component component) {
    List<ContainerPort> ports = new ArrayList<>();
    ports.add(port(Component.HTTP_PORT_NAME, Component.HTTP_PORT));
    if (component == Component.CDN) {
      ports.add(port(Component.DELIVERY_PORT_NAME, Component.DELIVERY_PORT));
    }
    ports.add(port(Component.MANAGEMENT_PORT_NAME, Component.MANAGEMENT_PORT));
    return ports;
  }

  private static ContainerPort port(String name, int number) {
    return new ContainerPortBuilder()
        .withName(name)
        .withContainerPort(number)
        .withProtocol("TCP")
        .build();
  }

  /**
   * The heap's share of the container limit (the cdn's: {@link CdnDelivery#budget}). search-api's
   * model lives outside the heap, so it gets half; the others keep the JVM's usual three quarters.
   */
  static int heapPercent(Component component) {
    return component == Component.SEARCH_API ? 50 : 75;
  }

  private static ResourceRequirements resources(
      ImageSearchCluster cluster, Component component, ServiceSpec spec) {
    // Small enough that examples/minimal.yaml fits a 2-core node with room for a surge pod. The
    // worker holds the image model and a batch of decoded images; search-api holds the text
    // encoder in ONNX Runtime's native memory, beside a Redis and a Milvus client (at 384Mi it was
    // OOM-killed under a 100-upload journey); the cdn holds two caches beside its heap
    // (CdnDelivery); ingest-api is little more than a JVM.
    ResourceRequirements base =
        switch (component) {
          case WORKER -> Resources.orDefault(spec.resources, "500m", "1536Mi");
          case SEARCH_API -> Resources.orDefault(spec.resources, "100m", "768Mi");
          case INGEST_API -> Resources.orDefault(spec.resources, "100m", "384Mi");
          case CDN -> Resources.orDefault(spec.resources, "100m", CdnDelivery.DEFAULT_MEMORY);
        };
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
        .withNewPort(Component.MANAGEMENT_PORT_NAME)
        .endHttpGet()
        .withInitialDelaySeconds(10)
        .withPeriodSeconds(10)
        .withTimeoutSeconds(2)
        .withFailureThreshold(failureThreshold)
        .build();
  }
}
