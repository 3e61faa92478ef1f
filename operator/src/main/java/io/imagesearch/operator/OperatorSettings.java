package io.imagesearch.operator;

import io.imagesearch.operator.api.Images.PullPolicy;
import io.imagesearch.operator.model.ImageDefaults;
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
 * @param imageDefaults images and pull policy of clusters whose spec.images leaves them out:
 *     DEFAULT_IMAGE_REGISTRY, DEFAULT_IMAGE_PULL_POLICY, DEFAULT_REDIS_IMAGE, DEFAULT_MILVUS_IMAGE,
 *     DEFAULT_MINIO_IMAGE (the chart's clusterDefaults); an invalid one stops the operator at
 *     start-up
 */
public record OperatorSettings(
    Set<String> watchNamespaces,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    int healthPort,
    ImageDefaults imageDefaults) {

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
        parsePort(env.getOrDefault("HEALTH_PORT", "8081")),
        imageDefaults(env));
  }

  private static ImageDefaults imageDefaults(Map<String, String> env) {
    ImageDefaults builtIn = ImageDefaults.BUILT_IN;
    String policy = nonBlank(env, "DEFAULT_IMAGE_PULL_POLICY", builtIn.pullPolicy().name()).trim();
    PullPolicy pullPolicy;
    try {
      pullPolicy = PullPolicy.valueOf(policy);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "DEFAULT_IMAGE_PULL_POLICY must be one of Always, IfNotPresent, Never, got: " + policy);
    }
    return new ImageDefaults(
        nonBlank(env, "DEFAULT_IMAGE_REGISTRY", builtIn.registry()).trim(),
        pullPolicy,
        nonBlank(env, "DEFAULT_REDIS_IMAGE", builtIn.redis()).trim(),
        nonBlank(env, "DEFAULT_MILVUS_IMAGE", builtIn.milvus()).trim(),
        nonBlank(env, "DEFAULT_MINIO_IMAGE", builtIn.minio()).trim());
  }

  /** An unset or empty variable (Helm renders an empty value) means the built-in default. */
  private static String nonBlank(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value;
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
