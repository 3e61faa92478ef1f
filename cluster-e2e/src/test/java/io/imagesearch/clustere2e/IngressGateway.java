package io.imagesearch.clustere2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imagesearch.operator.model.IngressRoutes;
import io.imagesearch.testsupport.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends a request where the cluster's Ingress would: the rendered Ingress picks the Service for a
 * path (Kubernetes' matching rules, {@link IngressRoutes}), and the request goes to that Service's
 * ClusterIP from the host. No ingress controller is needed, and nothing but the rendered rules
 * decides the route. Requests carry the cluster's admin key, read from its Secret as the README
 * tells a user to ({@code <name>-credentials}, key {@code admin-api-key}).
 */
final class IngressGateway {
  private final KubernetesClient client;
  private final String namespace;
  private final Ingress ingress;
  private final String adminKey;
  // By Service and port: the cdn's image paths go to its delivery port, not its HTTP port.
  private final Map<IngressRoutes.Backend, String> baseByBackend = new ConcurrentHashMap<>();

  private IngressGateway(
      KubernetesClient client, String namespace, Ingress ingress, String adminKey) {
    this.client = client;
    this.namespace = namespace;
    this.ingress = ingress;
    this.adminKey = adminKey;
  }

  static IngressGateway whenRendered(
      KubernetesClient client, String namespace, String name, Duration atMost) {
    Ingress ingress =
        await("Ingress " + name)
            .atMost(atMost)
            .until(
                () -> client.network().v1().ingresses().inNamespace(namespace).withName(name).get(),
                Objects::nonNull);
    return new IngressGateway(client, namespace, ingress, adminKey(client, namespace, name));
  }

  /**
   * {@code kubectl get secret <name>-credentials -o jsonpath='{.data.admin-api-key}' | base64 -d}.
   */
  static String adminKey(KubernetesClient client, String namespace, String name) {
    Secret secret =
        await("Secret " + name + "-credentials")
            .atMost(Duration.ofMinutes(1))
            .until(
                () -> client.secrets().inNamespace(namespace).withName(name + "-credentials").get(),
                s -> s != null && s.getData() != null && s.getData().containsKey("admin-api-key"));
    return new String(
        Base64.getDecoder().decode(secret.getData().get("admin-api-key")),
        StandardCharsets.US_ASCII);
  }

  /** The admin key the services adopted. */
  String adminKey() {
    return adminKey;
  }

  /** A request to {@code pathAndQuery} with the admin key. */
  HttpRequest.Builder request(String pathAndQuery) {
    return withKey(HttpRequest.newBuilder(uri(pathAndQuery)), adminKey);
  }

  /** A GET with the admin key. */
  HttpResponse<byte[]> get(String pathAndQuery) {
    return Http.send(request(pathAndQuery).GET().build());
  }

  /** {@code request} (built on {@link #uri}) with the admin key. */
  HttpResponse<byte[]> send(HttpRequest request) {
    return Http.send(withKey(HttpRequest.newBuilder(request, (n, v) -> true), adminKey).build());
  }

  /** A key with only {@code scopes}, created through the Ingress's key route with the admin key. */
  String createKey(String name, String... scopes) {
    HttpResponse<byte[]> created =
        send(Http.postJson(uri("/api/v1/keys"), Map.of("name", name, "scopes", List.of(scopes))));
    if (created.statusCode() != 201) {
      throw new AssertionError(
          "POST /api/v1/keys answered "
              + created.statusCode()
              + ": "
              + new String(created.body(), StandardCharsets.UTF_8));
    }
    return Http.json(created).path("api_key").asText();
  }

  private static HttpRequest.Builder withKey(HttpRequest.Builder request, String key) {
    return request.header("Authorization", "Bearer " + key);
  }

  /** The URL of {@code pathAndQuery} on the Service the Ingress routes its path to. */
  URI uri(String pathAndQuery) {
    IngressRoutes.Backend backend =
        IngressRoutes.resolve(ingress, pathAndQuery)
            .orElseThrow(
                () -> new AssertionError("the Ingress routes no backend for " + pathAndQuery));
    return URI.create(baseByBackend.computeIfAbsent(backend, this::base) + pathAndQuery);
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
