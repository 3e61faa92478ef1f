package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;

/**
 * Milvus's documented standalone mode, one process with embedded etcd and local storage, as
 * milvus-io/milvus scripts/standalone_embed.sh runs it (deployments/docker/standalone/
 * docker-compose.yml for the probe timings of v2.5.x). Kept in one place so the StatefulSet and the
 * test that checks it against that script read the same values.
 */
public final class MilvusStandalone {
  public static final List<String> ARGS = List.of("milvus", "run", "standalone");
  public static final String DATA_PATH = "/var/lib/milvus";
  public static final String ETCD_CONFIG_PATH = "/milvus/configs/embedEtcd.yaml";

  /** The ConfigMap key holding {@link #ETCD_CONFIG}. */
  public static final String ETCD_CONFIG_KEY = "embedEtcd.yaml";

  /**
   * The embedEtcd.yaml the script writes and mounts. Its 0.0.0.0 listener stays inside the pod: the
   * NetworkPolicy admits only the gRPC port.
   */
  public static final String ETCD_CONFIG =
      """
      listen-client-urls: http://0.0.0.0:2379
      advertise-client-urls: http://0.0.0.0:2379
      quota-backend-bytes: 4294967296
      auto-compaction-mode: revision
      auto-compaction-retention: '1000'
      """;

  public static final int GRPC_PORT = 19530;

  /** /healthz and /metrics. */
  public static final int HEALTH_PORT = 9091;

  public static final String HEALTH_PATH = "/healthz";

  /** The compose file's health-start-period: Milvus may take this long before /healthz is OK. */
  public static final int START_PERIOD_SECONDS = 90;

  private MilvusStandalone() {}

  /**
   * The script's environment. DEPLOY_MODE is not in the v2.4/v2.5 script but later releases read it
   * before parsing the command line, and v2.5 accepts it. The script's {@code --security-opt
   * seccomp:unconfined} is left out on purpose: the restricted Pod Security Standard forbids
   * Unconfined, and Milvus runs under RuntimeDefault.
   */
  public static List<EnvVar> env() {
    return List.of(
        new EnvVar("ETCD_USE_EMBED", "true", null),
        new EnvVar("ETCD_DATA_DIR", DATA_PATH + "/etcd", null),
        new EnvVar("ETCD_CONFIG_PATH", ETCD_CONFIG_PATH, null),
        new EnvVar("COMMON_STORAGETYPE", "local", null),
        new EnvVar("DEPLOY_MODE", "STANDALONE", null));
  }
}
