package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.imagesearch.operator.api.ImageSearchCluster;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The in-cluster Milvus runs as Milvus documents its standalone mode. The expected values are
 * copied from milvus-io/milvus scripts/standalone_embed.sh (the `docker run` of run_embed, and the
 * embedEtcd.yaml it writes) and deployments/docker/standalone/docker-compose.yml of v2.5.x
 * (command, /healthz on 9091, 90 s start period, data under /var/lib/milvus); they are written out
 * here rather than read from MilvusStandalone so a change to either side shows as a difference.
 */
class MilvusStandaloneTest {

  private final ImageSearchCluster cluster = TestClusters.demo().build();
  private final PodSpec pod =
      StatefulSetModel.build(cluster, Dependency.MILVUS).getSpec().getTemplate().getSpec();
  private final Container milvus = pod.getContainers().get(0);

  @Test
  void runsTheStandaloneCommandWithTheScriptsEnvironment() {
    // docker run ... milvusdb/milvus:<tag> milvus run standalone (the image's entrypoint is tini).
    assertThat(milvus.getCommand()).isNullOrEmpty();
    assertThat(milvus.getArgs()).containsExactly("milvus", "run", "standalone");
    Map<String, String> env =
        milvus.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    assertThat(env)
        .containsEntry("ETCD_USE_EMBED", "true")
        .containsEntry("ETCD_DATA_DIR", "/var/lib/milvus/etcd")
        .containsEntry("ETCD_CONFIG_PATH", "/milvus/configs/embedEtcd.yaml")
        .containsEntry("COMMON_STORAGETYPE", "local")
        // Later versions of the script; Milvus 2.6 reads it before parsing its arguments.
        .containsEntry("DEPLOY_MODE", "STANDALONE");
  }

  @Test
  void mountsTheScriptsEmbeddedEtcdConfiguration() {
    String embedEtcd =
        "listen-client-urls: http://0.0.0.0:2379\n"
            + "advertise-client-urls: http://0.0.0.0:2379\n"
            + "quota-backend-bytes: 4294967296\n"
            + "auto-compaction-mode: revision\n"
            + "auto-compaction-retention: '1000'\n";
    var mount =
        milvus.getVolumeMounts().stream()
            .filter(m -> m.getMountPath().equals("/milvus/configs/embedEtcd.yaml"))
            .findFirst()
            .orElseThrow();
    var volume =
        pod.getVolumes().stream()
            .filter(v -> v.getName().equals(mount.getName()))
            .findFirst()
            .orElseThrow();

    assertThat(volume.getConfigMap().getName()).isEqualTo(ConfigMapModel.name(cluster));
    assertThat(ConfigMapModel.build(cluster).getData().get(mount.getSubPath()))
        .isEqualTo(embedEtcd);
  }

  @Test
  void servesGrpcOn19530AndHealthzOn9091WithDataUnderVarLibMilvus() {
    assertThat(milvus.getPorts())
        .extracting(p -> p.getContainerPort())
        .containsExactlyInAnyOrder(19530, 9091);
    for (Probe probe :
        new Probe[] {
          milvus.getReadinessProbe(), milvus.getLivenessProbe(), milvus.getStartupProbe()
        }) {
      assertThat(probe.getHttpGet().getPath()).isEqualTo("/healthz");
      assertThat(probe.getHttpGet().getPort().getIntVal()).isEqualTo(9091);
    }
    // --health-start-period=90s: liveness must not restart Milvus while it is still starting.
    Probe startup = milvus.getStartupProbe();
    assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold())
        .isGreaterThanOrEqualTo(90);
    assertThat(milvus.getVolumeMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getName()).isEqualTo("data");
              assertThat(m.getMountPath()).isEqualTo("/var/lib/milvus");
            });
  }

  @Test
  void keepsRuntimeDefaultSeccompWhereTheScriptRunsUnconfined() {
    // --security-opt seccomp:unconfined is not admitted by the restricted Pod Security Standard.
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(milvus.getSecurityContext().getSeccompProfile().getType())
        .isEqualTo("RuntimeDefault");
  }

  @Test
  void externalMilvusLeavesTheEtcdConfigurationOut() {
    ImageSearchCluster external =
        TestClusters.demo()
            .editSpec()
            .withMilvus(TestClusters.external("http://milvus.example:19530"))
            .endSpec()
            .build();

    assertThat(ConfigMapModel.build(external).getData()).containsOnlyKeys("application.yaml");
  }
}
