package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.InClusterSpec;
import java.util.ArrayList;
import java.util.List;

/** A single-replica StatefulSet for an in-cluster dependency, with its data on a PVC. */
public final class StatefulSetModel {
  static final String DATA_VOLUME = "data";
  private static final String CONFIG_VOLUME = "config";

  private StatefulSetModel() {}

  /** With the built-in image defaults. */
  public static StatefulSet build(ImageSearchCluster cluster, Dependency dependency) {
    return build(cluster, dependency, ImageDefaults.BUILT_IN);
  }

  public static StatefulSet build(
      ImageSearchCluster cluster, Dependency dependency, ImageDefaults images) {
    InClusterSpec spec = dependency.spec(cluster).inCluster;
    if (spec == null) {
      spec = new InClusterSpec();
    }
    String policy = spec.deletionPolicy.name();
    var container =
        new ContainerBuilder()
            .withName(dependency.id())
            .withImage(images.dependency(cluster, dependency))
            .withImagePullPolicy(images.pullPolicy(cluster))
            .withArgs(args(dependency))
            .withEnv(env(cluster, dependency))
            .addNewPort()
            .withName(dependency.id())
            .withContainerPort(dependency.workload().port())
            .withProtocol("TCP")
            .endPort()
            .withResources(resources(dependency, spec))
            .withLivenessProbe(probe(dependency, 6))
            .withReadinessProbe(probe(dependency, 3))
            .withSecurityContext(PodSecurity.container())
            .addToVolumeMounts(PodSecurity.tmpMount())
            .addNewVolumeMount()
            .withName(DATA_VOLUME)
            .withMountPath(dependency.workload().dataPath())
            .endVolumeMount();
    var pod =
        new PodSpecBuilder()
            .withSecurityContext(PodSecurity.pod(dependency.workload().runAsUser()))
            .withAutomountServiceAccountToken(false)
            .addToVolumes(PodSecurity.tmpVolume());
    if (dependency == Dependency.MILVUS) {
      addStandaloneMilvus(cluster, container, pod);
    }
    return Names.owned(
        new StatefulSetBuilder()
            .withMetadata(Names.metadata(cluster, dependency.name(cluster), dependency.id()))
            .withNewSpec()
            .withReplicas(1)
            .withServiceName(dependency.name(cluster))
            .withNewSelector()
            .withMatchLabels(Names.selector(cluster, dependency.id()))
            .endSelector()
            // The user's deletionPolicy decides whether data outlives the cluster resource.
            .withNewPersistentVolumeClaimRetentionPolicy()
            .withWhenDeleted(policy)
            .withWhenScaled("Retain")
            .endPersistentVolumeClaimRetentionPolicy()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(Names.labels(cluster, dependency.id()))
            .endMetadata()
            .withSpec(pod.addToContainers(container.build()).build())
            .endTemplate()
            .addToVolumeClaimTemplates(claim(spec))
            .endSpec()
            .build(),
        cluster);
  }

  /**
   * Milvus's health port, a startup probe covering its documented start period (liveness restarts
   * nothing before then), and its embedded etcd configuration from the cluster's ConfigMap.
   */
  private static void addStandaloneMilvus(
      ImageSearchCluster cluster, ContainerBuilder container, PodSpecBuilder pod) {
    container
        .addNewPort()
        .withName("health")
        .withContainerPort(MilvusStandalone.HEALTH_PORT)
        .withProtocol("TCP")
        .endPort()
        .withStartupProbe(
            new ProbeBuilder(probe(Dependency.MILVUS, 1))
                .withInitialDelaySeconds(0)
                // Twice the start period, in probe periods of 10 s.
                .withFailureThreshold(2 * MilvusStandalone.START_PERIOD_SECONDS / 10)
                .build())
        .addNewVolumeMount()
        .withName(CONFIG_VOLUME)
        .withMountPath(MilvusStandalone.ETCD_CONFIG_PATH)
        .withSubPath(MilvusStandalone.ETCD_CONFIG_KEY)
        .withReadOnly(true)
        .endVolumeMount();
    pod.addNewVolume()
        .withName(CONFIG_VOLUME)
        .withNewConfigMap()
        .withName(ConfigMapModel.name(cluster))
        .endConfigMap()
        .endVolume();
  }

  /** Defaults sized for examples/minimal.yaml on a 2-core node; spec...inCluster.resources wins. */
  private static ResourceRequirements resources(Dependency dependency, InClusterSpec spec) {
    return switch (dependency) {
      case REDIS -> Resources.orDefault(spec.resources, "100m", "256Mi");
      case OBJECT_STORE -> Resources.orDefault(spec.resources, "100m", "512Mi");
      case MILVUS -> Resources.orDefault(spec.resources, "250m", "1Gi");
    };
  }

  private static PersistentVolumeClaim claim(InClusterSpec spec) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(DATA_VOLUME)
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withStorageClassName(spec.storageClassName)
        .withNewResources()
        .addToRequests("storage", new Quantity(spec.storageSize))
        .endResources()
        .endSpec()
        .build();
  }

  private static List<String> args(Dependency dependency) {
    return switch (dependency) {
      // appendfsync always: an acknowledged upload's task must survive a crash (ARCHITECTURE.md).
      case REDIS ->
          List.of(
              "redis-server",
              "--appendonly",
              "yes",
              "--appendfsync",
              "always",
              "--dir",
              dependency.workload().dataPath(),
              "--requirepass",
              "$(SPRING_DATA_REDIS_PASSWORD)");
      case OBJECT_STORE -> List.of("server", dependency.workload().dataPath());
      case MILVUS -> MilvusStandalone.ARGS;
    };
  }

  private static List<EnvVar> env(ImageSearchCluster cluster, Dependency dependency) {
    String secret = CredentialsModel.name(cluster);
    List<EnvVar> env = new ArrayList<>();
    switch (dependency) {
      case REDIS ->
          env.add(
              CredentialEnv.fromSecret(
                  "SPRING_DATA_REDIS_PASSWORD", new SecretKey(secret, "redis-password")));
      case OBJECT_STORE -> {
        env.add(
            CredentialEnv.fromSecret("MINIO_ROOT_USER", new SecretKey(secret, "minio-access-key")));
        env.add(
            CredentialEnv.fromSecret(
                "MINIO_ROOT_PASSWORD", new SecretKey(secret, "minio-secret-key")));
        env.add(new EnvVar("HOME", "/tmp", null));
      }
      // Standalone mode with embedded etcd and local storage: one pod, one volume.
      case MILVUS -> env.addAll(MilvusStandalone.env());
    }
    return env;
  }

  private static Probe probe(Dependency dependency, int failureThreshold) {
    ProbeBuilder probe =
        new ProbeBuilder()
            .withInitialDelaySeconds(10)
            .withPeriodSeconds(10)
            .withTimeoutSeconds(3)
            .withFailureThreshold(failureThreshold);
    return switch (dependency) {
      case REDIS ->
          probe.withNewTcpSocket().withNewPort(dependency.workload().port()).endTcpSocket().build();
      case OBJECT_STORE ->
          probe
              .withNewHttpGet()
              .withPath(failureThreshold > 3 ? "/minio/health/live" : "/minio/health/ready")
              .withNewPort(dependency.workload().port())
              .endHttpGet()
              .build();
      case MILVUS ->
          probe
              .withNewHttpGet()
              .withPath(MilvusStandalone.HEALTH_PATH)
              .withNewPort(MilvusStandalone.HEALTH_PORT)
              .endHttpGet()
              .build();
    };
  }
}
