package io.imagesearch.clustere2e;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The single-node cluster of tools/cluster.sh, brought up once per test run (the first test that
 * asks for it) and torn down when the run ends, with the images of this build loaded into the
 * node's containerd. CLUSTER_KEEP=1 leaves it running for a look afterwards.
 */
final class RealCluster implements ExtensionContext.Store.CloseableResource {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RealCluster.class);

  private final Map<String, String> env;
  private final KubernetesClient client;
  private final Duration upTime;

  private RealCluster(Map<String, String> env, Duration upTime) {
    this.env = env;
    this.upTime = upTime;
    this.client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(readKubeconfig(kubeconfig())))
            .build();
  }

  static RealCluster shared(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(RealCluster.class, key -> start(), RealCluster.class);
  }

  private static RealCluster start() {
    long started = System.nanoTime();
    RepoScript.run("cluster.sh", Duration.ofMinutes(10), "up");
    Duration upTime = Measurements.since(started);
    Stream<String> load =
        Stream.concat(Stream.of("load"), BuiltImages.tars().stream().map(Path::toString));
    RepoScript.run("cluster.sh", Duration.ofMinutes(10), load.toArray(String[]::new));
    return new RealCluster(
        parseExports(RepoScript.run("cluster.sh", Duration.ofMinutes(1), "env")), upTime);
  }

  KubernetesClient client() {
    return client;
  }

  Path kubeconfig() {
    String path = env.get("KUBECONFIG");
    if (path == null) {
      throw new IllegalStateException("tools/cluster.sh env printed no KUBECONFIG: " + env);
    }
    return Path.of(path);
  }

  /** How long `tools/cluster.sh up` took in this run. */
  Duration upTime() {
    return upTime;
  }

  /** kubectl against this cluster, as the README's steps run it. */
  Kubectl kubectl() {
    return new Kubectl(kubeconfig());
  }

  @Override
  public void close() {
    client.close();
    if (!"1".equals(System.getenv("CLUSTER_KEEP"))) {
      RepoScript.run("cluster.sh", Duration.ofMinutes(5), "down");
    }
  }

  private static Map<String, String> parseExports(String text) {
    Map<String, String> exports = new HashMap<>();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("export ")) {
        trimmed = trimmed.substring("export ".length());
      }
      int eq = trimmed.indexOf('=');
      if (eq > 0) {
        exports.put(trimmed.substring(0, eq), unquote(trimmed.substring(eq + 1)));
      }
    }
    return exports;
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static String readKubeconfig(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException("no kubeconfig at " + path + " after tools/cluster.sh up", e);
    }
  }
}
