package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.InClusterSpec;
import java.util.ArrayList;
import java.util.List;

/** A single-replica StatefulSet for an in-cluster dependency, with its data on a PVC. */
public final class StatefulSetModel {
  public static final int MILVUS_HEALTH_PORT = 9091;
  static final String DATA_VOLUME = "data";

  private StatefulSetModel() {}

  public static StatefulSet build(ImageSearchCluster cluster, Dependency dependency) {
    InClusterSpec spec = dependency.spec(cluster).inCluster;
    if (spec == null) {
      spec = new InClusterSpec();
    }
    String policy = spec.deletionPolicy.name();
    var container =
        new ContainerBuilder()
            .withName(dependency.id())
            .withImage(dependency.image(cluster))
            .withArgs(args(dependency))
            .withEnv(env(cluster, dependency))
            .addNewPort()
            .withName(dependency.id())
            .withContainerPort(dependency.port())
            .withProtocol("TCP")
            .endPort()
            .withResources(Resources.orDefault(null, "250m", "1Gi"))
            .withLivenessProbe(probe(dependency, 6))
            .withReadinessProbe(probe(dependency, 3))
            .withSecurityContext(PodSecurity.container())
            .addToVolumeMounts(PodSecurity.tmpMount())
            .addNewVolumeMount()
            .withName(DATA_VOLUME)
            .withMountPath(dependency.dataPath())
            .endVolumeMount();
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
            .withNewSpec()
            .withSecurityContext(PodSecurity.pod(dependency.user()))
            .withAutomountServiceAccountToken(false)
            .addToContainers(container.build())
            .addToVolumes(PodSecurity.tmpVolume())
            .endSpec()
            .endTemplate()
            .addToVolumeClaimTemplates(claim(spec))
            .endSpec()
            .build(),
        cluster);
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
              dependency.dataPath(),
              "--requirepass",
              "$(SPRING_DATA_REDIS_PASSWORD)");
      case OBJECT_STORE -> List.of("server", dependency.dataPath());
      case MILVUS -> List.of("milvus", "run", "standalone");
    };
  }

  private static List<EnvVar> env(ImageSearchCluster cluster, Dependency dependency) {
    String secret = CredentialsModel.name(cluster);
    List<EnvVar> env = new ArrayList<>();
    switch (dependency) {
      case REDIS ->
          env.add(CredentialEnv.fromSecret("SPRING_DATA_REDIS_PASSWORD", secret, "redis-password"));
      case OBJECT_STORE -> {
        env.add(CredentialEnv.fromSecret("MINIO_ROOT_USER", secret, "minio-access-key"));
        env.add(CredentialEnv.fromSecret("MINIO_ROOT_PASSWORD", secret, "minio-secret-key"));
        env.add(new EnvVar("HOME", "/tmp", null));
      }
      case MILVUS -> {
        // Standalone mode with embedded etcd and local storage: one pod, one volume.
        env.add(new EnvVar("ETCD_USE_EMBED", "true", null));
        env.add(new EnvVar("ETCD_DATA_DIR", dependency.dataPath() + "/etcd", null));
        env.add(new EnvVar("COMMON_STORAGETYPE", "local", null));
      }
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
      case REDIS -> probe.withNewTcpSocket().withNewPort(dependency.port()).endTcpSocket().build();
      case OBJECT_STORE ->
          probe
              .withNewHttpGet()
              .withPath(failureThreshold > 3 ? "/minio/health/live" : "/minio/health/ready")
              .withNewPort(dependency.port())
              .endHttpGet()
              .build();
      case MILVUS ->
          probe
              .withNewHttpGet()
              .withPath("/healthz")
              .withNewPort(MILVUS_HEALTH_PORT)
              .endHttpGet()
              .build();
    };
  }
}
