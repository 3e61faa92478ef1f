package io.imagesearch.clustere2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imagesearch.operator.api.ImageSearchCluster;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** One ImageSearchCluster resource as `kubectl get isc` and its status show it. */
record ClusterResource(KubernetesClient client, String namespace, String name) {

  ImageSearchCluster get() {
    return client.resources(ImageSearchCluster.class).inNamespace(namespace).withName(name).get();
  }

  Optional<Condition> condition(String type) {
    ImageSearchCluster cluster = get();
    if (cluster == null || cluster.getStatus() == null) {
      return Optional.empty();
    }
    return cluster.getStatus().conditions.stream()
        .filter(c -> c.getType().equals(type))
        .findFirst();
  }

  boolean is(String type, String status) {
    return condition(type).map(c -> c.getStatus().equals(status)).orElse(false);
  }

  String message(String type) {
    return condition(type).map(Condition::getMessage).orElse("");
  }

  /** Whether the operator has seen the latest spec. */
  boolean observedLatest() {
    ImageSearchCluster cluster = get();
    return cluster != null
        && cluster.getStatus() != null
        && cluster.getMetadata().getGeneration().equals(cluster.getStatus().observedGeneration);
  }

  /** Ready=True for the latest spec, as `kubectl get isc` prints it. */
  boolean ready() {
    return observedLatest() && is("Ready", "True");
  }

  /**
   * Waits until Degraded=True with a message matching {@code regex} (found anywhere in it), records
   * how long that took, and returns the message.
   */
  String awaitDegraded(String regex, Duration atMost) {
    long started = System.nanoTime();
    Pattern pattern = Pattern.compile(regex);
    await("Degraded matching " + regex)
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> is("Degraded", "True") && pattern.matcher(message("Degraded")).find());
    String message = message("Degraded");
    Measurements.record(
        namespace + "/" + name + " to Degraded: " + message, Measurements.since(started));
    return message;
  }

  String describe() {
    ImageSearchCluster cluster = get();
    return cluster == null || cluster.getStatus() == null
        ? "no status"
        : cluster.getStatus().conditions.stream()
            .map(c -> c.getType() + "=" + c.getStatus() + " (" + c.getMessage() + ")")
            .toList()
            .toString();
  }
}
