package io.imagesearch.clustere2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The platform every scenario after the first runs against: the operator installed by the chart,
 * examples/minimal.yaml applied in namespace {@value #NAMESPACE} and exposed through its Ingress.
 * The user's-journey test builds it step by step (and measures each step); a scenario run on its
 * own gets it built by {@link #ready()}.
 */
final class DemoPlatform {
  static final String NAMESPACE = "demo";
  static final String NAME = "demo";
  static final String HOST = "images.example.test";
  static final Duration READY_WITHIN = Duration.ofMinutes(10);
  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(DemoPlatform.class);

  private final RealCluster cluster;
  private final ClusterResource resource;

  private DemoPlatform(RealCluster cluster) {
    this.cluster = cluster;
    this.resource = new ClusterResource(cluster.client(), NAMESPACE, NAME);
  }

  static DemoPlatform shared(ExtensionContext context) {
    RealCluster cluster = RealCluster.shared(context);
    return context
        .getRoot()
        .getStore(STORE)
        .getOrComputeIfAbsent(
            DemoPlatform.class, key -> new DemoPlatform(cluster), DemoPlatform.class);
  }

  RealCluster cluster() {
    return cluster;
  }

  KubernetesClient client() {
    return cluster.client();
  }

  ClusterResource resource() {
    return resource;
  }

  Kubectl kubectl() {
    return cluster.kubectl();
  }

  boolean operatorInstalled() {
    return OperatorRelease.deployment(client()) != null;
  }

  void installOperator() {
    OperatorRelease.install(cluster);
  }

  /**
   * `kubectl apply -f examples/minimal.yaml` into a namespace enforcing `restricted`, with
   * spec.version set to the tag of this build's images (the README's step for your own images).
   */
  void applyMinimalExample() {
    Namespaces.createRestricted(client(), NAMESPACE);
    kubectl().apply(NAMESPACE, Examples.withVersion("examples/minimal.yaml", BuiltImages.tag()));
  }

  void awaitReady(Duration atMost) {
    await("ImageSearchCluster Ready=True")
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(1))
        .until(resource::ready);
  }

  /**
   * What a user does to reach it from outside: enable the Ingress. Plain HTTP, said explicitly as
   * the CRD requires: this cluster has no ingress controller to end TLS, the tests route to the
   * Services as the Ingress would, on the node itself.
   */
  void exposeThroughIngress() {
    patch(
        "{\"spec\":{\"ingress\":{\"enabled\":true,\"host\":\""
            + HOST
            + "\",\"allowPlainHttp\":true}}}");
  }

  /** `kubectl patch isc demo --type=merge -p JSON`, a user's spec change. */
  void patch(String json) {
    kubectl().run("patch", "isc", NAME, "-n", NAMESPACE, "--type=merge", "-p", json);
  }

  /** The pods of one component (worker, redis, ...) of the demo cluster. */
  List<Pod> pods(String component) {
    return client()
        .pods()
        .inNamespace(NAMESPACE)
        .withLabel("app.kubernetes.io/instance", NAME)
        .withLabel("app.kubernetes.io/component", component)
        .list()
        .getItems();
  }

  IngressGateway gateway() {
    return IngressGateway.whenRendered(client(), NAMESPACE, NAME, Duration.ofMinutes(2));
  }

  /** Everything the journey sets up, for a scenario that runs on its own. */
  DemoPlatform ready() {
    if (!operatorInstalled()) {
      installOperator();
    }
    if (resource.get() == null) {
      applyMinimalExample();
    }
    if (resource.get().getSpec().ingress == null || !resource.get().getSpec().ingress.enabled) {
      exposeThroughIngress();
    }
    awaitReady(READY_WITHIN);
    return this;
  }
}
