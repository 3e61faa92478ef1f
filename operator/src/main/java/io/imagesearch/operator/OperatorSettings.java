package io.imagesearch.operator;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Typed operator configuration, read from environment variables (the Helm chart sets them).
 *
 * @param watchNamespaces namespaces to reconcile; empty means all namespaces
 * @param leaderElection whether to hold a Lease before reconciling (on with more than one replica)
 * @param leaseName the Lease's name
 * @param leaseNamespace the Lease's namespace; null means the client's namespace
 * @param healthPort port of the /healthz/live and /healthz/ready probes and of /metrics; 0 disables
 *     them
 */
public record OperatorSettings(
    Set<String> watchNamespaces,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    int healthPort) {

  public static OperatorSettings fromEnv(Map<String, String> env) {
    Set<String> namespaces =
        Arrays.stream(env.getOrDefault("WATCH_NAMESPACES", "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    return new OperatorSettings(
        namespaces,
        Boolean.parseBoolean(env.getOrDefault("LEADER_ELECTION", "true")),
        env.getOrDefault("LEASE_NAME", "imagesearch-operator"),
        blankToNull(env.getOrDefault("LEASE_NAMESPACE", env.get("POD_NAMESPACE"))),
        parsePort(env.getOrDefault("HEALTH_PORT", "8081")));
  }

  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("HEALTH_PORT must be a port number, got: " + value);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
