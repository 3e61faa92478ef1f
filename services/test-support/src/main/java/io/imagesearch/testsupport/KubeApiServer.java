package io.imagesearch.testsupport;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;

/**
 * A real kube-apiserver with etcd (no kubelet, no controllers), run by kube-api-test in offline
 * mode from the binaries that {@code tools/testenv.sh install} builds from Go modules.
 */
public final class KubeApiServer implements AutoCloseable {

  static final String DEFAULT_VERSION = "1.34.2";

  private final KubeAPIServer server;

  private KubeApiServer(KubeAPIServer server) {
    this.server = server;
  }

  /** Starts a new API server; the caller closes it. */
  public static KubeApiServer start() {
    String version = version();
    for (String name : new String[] {"kube-apiserver", "etcd", "kubectl"}) {
      binary(name).require();
    }
    KubeAPIServer server =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withOfflineMode(true)
                .withTestDir(testDir().toString())
                .withApiServerVersion(version)
                .withUpdateKubeConfig(false)
                .withStartupTimeout(120_000)
                .build());
    server.start();
    return new KubeApiServer(server);
  }

  /**
   * One of the Kubernetes commands tools/testenv.sh builds (kube-apiserver, etcd, kubectl, kubelet,
   * ...), where kube-api-test looks for them.
   */
  public static ServerBinary binary(String name) {
    return new ServerBinary(
        name, testDir().resolve("k8s").resolve(version() + "-linux-amd64").resolve(name));
  }

  private static String version() {
    return envOr("KUBE_APISERVER_VERSION", DEFAULT_VERSION);
  }

  private static Path testDir() {
    return Path.of(envOr("KUBEAPITEST_DIR", System.getProperty("user.home") + "/.kubeapitest"));
  }

  public String kubeConfigYaml() {
    return server.getKubeConfigYaml();
  }

  /** A new client for this server; the caller closes it. */
  public KubernetesClient newClient() {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(kubeConfigYaml()))
        .build();
  }

  @Override
  public void close() {
    server.stop();
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
