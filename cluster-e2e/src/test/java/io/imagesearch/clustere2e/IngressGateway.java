package io.imagesearch.clustere2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imagesearch.operator.model.IngressRoutes;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends a request where the cluster's Ingress would: the rendered Ingress picks the Service for a
 * path (Kubernetes' matching rules, {@link IngressRoutes}), and the request goes to that Service's
 * ClusterIP from the host. No ingress controller is needed, and nothing but the rendered rules
 * decides the route.
 */
final class IngressGateway {
  private final KubernetesClient client;
  private final String namespace;
  private final Ingress ingress;
  private final Map<String, String> baseByService = new ConcurrentHashMap<>();

  private IngressGateway(KubernetesClient client, String namespace, Ingress ingress) {
    this.client = client;
    this.namespace = namespace;
    this.ingress = ingress;
  }

  static IngressGateway whenRendered(
      KubernetesClient client, String namespace, String name, Duration atMost) {
    Ingress ingress =
        await("Ingress " + name)
            .atMost(atMost)
            .until(
                () -> client.network().v1().ingresses().inNamespace(namespace).withName(name).get(),
                Objects::nonNull);
    return new IngressGateway(client, namespace, ingress);
  }

  /** The URL of {@code pathAndQuery} on the Service the Ingress routes its path to. */
  URI uri(String pathAndQuery) {
    IngressRoutes.Backend backend =
        IngressRoutes.resolve(ingress, pathAndQuery)
            .orElseThrow(
                () -> new AssertionError("the Ingress routes no backend for " + pathAndQuery));
    return URI.create(
        baseByService.computeIfAbsent(backend.service(), name -> base(backend)) + pathAndQuery);
  }

  private String base(IngressRoutes.Backend backend) {
    Service service =
        client.services().inNamespace(namespace).withName(backend.service()).require();
    int port =
        service.getSpec().getPorts().stream()
            .filter(
                p ->
                    backend.port().equals(p.getName())
                        || backend.port().equals(String.valueOf(p.getPort())))
            .mapToInt(ServicePort::getPort)
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no port " + backend.port() + " on " + backend.service()));
    return "http://" + service.getSpec().getClusterIP() + ":" + port;
  }
}
