package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which backend an Ingress sends a request path to, by the matching rules of the Ingress API
 * (kubernetes.io/docs/concepts/services-networking/ingress/#path-types): Exact matches the path
 * exactly; Prefix matches element by element on "/" (so /foo matches /foo/bar, not /foobar); of
 * several matches the longest path wins, and Exact beats Prefix of the same length. Used by the
 * tests to prove the rendered routes, and by tests without an ingress controller to send requests
 * where a controller would.
 */
public final class IngressRoutes {

  /** A Service backend: its name and the port as the Ingress names it (name or number). */
  public record Backend(String service, String port) {}

  private IngressRoutes() {}

  /** The backend of a path (no query string needed, none is matched) on any host of the rules. */
  public static Optional<Backend> resolve(Ingress ingress, String path) {
    return resolve(ingress, null, path);
  }

  /**
   * @param host the request's host; null considers the paths of every rule
   */
  public static Optional<Backend> resolve(Ingress ingress, String host, String path) {
    String requestPath = withoutQuery(path);
    List<HTTPIngressPath> candidates =
        ingress.getSpec().getRules().stream()
            .filter(rule -> host == null || rule.getHost() == null || host.equals(rule.getHost()))
            .filter(rule -> rule.getHttp() != null)
            .map(IngressRule::getHttp)
            .flatMap(http -> http.getPaths().stream())
            .filter(p -> matches(p, requestPath))
            .toList();
    Optional<HTTPIngressPath> best =
        candidates.stream()
            .max(
                Comparator.comparingInt((HTTPIngressPath p) -> normalized(p.getPath()).length())
                    .thenComparing(p -> "Exact".equals(p.getPathType())));
    if (best.isPresent()) {
      return Optional.of(backend(best.get().getBackend()));
    }
    IngressBackend fallback = ingress.getSpec().getDefaultBackend();
    return fallback == null ? Optional.empty() : Optional.of(backend(fallback));
  }

  static boolean matches(HTTPIngressPath rule, String requestPath) {
    String type = rule.getPathType();
    return switch (type) {
      case "Exact" -> rule.getPath().equals(requestPath);
      case "Prefix" -> prefixMatches(rule.getPath(), requestPath);
      // Its meaning is up to the ingress controller, so no route can be proven with it.
      default -> throw new IllegalArgumentException("unsupported pathType " + type);
    };
  }

  private static boolean prefixMatches(String prefix, String requestPath) {
    String[] wanted = elements(prefix);
    String[] actual = elements(requestPath);
    return actual.length >= wanted.length
        && Arrays.equals(wanted, Arrays.copyOf(actual, wanted.length));
  }

  /** Path elements, ignoring a trailing slash and empty elements ("/" has none). */
  private static String[] elements(String path) {
    return Arrays.stream(path.split("/")).filter(e -> !e.isEmpty()).toArray(String[]::new);
  }

  private static String normalized(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static String withoutQuery(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  private static Backend backend(IngressBackend backend) {
    IngressServiceBackend service = backend.getService();
    if (service == null) {
      throw new IllegalArgumentException("only Service backends are supported: " + backend);
    }
    var port = service.getPort();
    String portName =
        port.getName() != null && !port.getName().isEmpty()
            ? port.getName()
            : String.valueOf(port.getNumber());
    return new Backend(service.getName(), portName);
  }
}
