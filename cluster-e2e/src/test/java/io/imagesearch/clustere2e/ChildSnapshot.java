package io.imagesearch.clustere2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the operator wrote into the demo namespace: for each child it manages, a version that
 * changes only when somebody rewrites the child (generation where the kind has one, else the
 * resourceVersion, which status updates do not touch for these kinds).
 */
final class ChildSnapshot {
  private ChildSnapshot() {}

  static Map<String, String> take(KubernetesClient client, String namespace) {
    String selector = "app.kubernetes.io/managed-by";
    Map<String, String> versions = new TreeMap<>();
    Stream.of(
            client
                .apps()
                .deployments()
                .inNamespace(namespace)
                .withLabel(selector)
                .list()
                .getItems(),
            client
                .apps()
                .statefulSets()
                .inNamespace(namespace)
                .withLabel(selector)
                .list()
                .getItems(),
            client
                .policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(namespace)
                .withLabel(selector)
                .list()
                .getItems(),
            client
                .network()
                .v1()
                .networkPolicies()
                .inNamespace(namespace)
                .withLabel(selector)
                .list()
                .getItems(),
            client
                .network()
                .v1()
                .ingresses()
                .inNamespace(namespace)
                .withLabel(selector)
                .list()
                .getItems(),
            client
                .autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace(namespace)
                .withLabel(selector)
                .list()
                .getItems())
        .flatMap(List::stream)
        .forEach(o -> versions.put(key(o), "generation " + o.getMetadata().getGeneration()));
    Stream.of(
            client.services().inNamespace(namespace).withLabel(selector).list().getItems(),
            client.configMaps().inNamespace(namespace).withLabel(selector).list().getItems(),
            client.secrets().inNamespace(namespace).withLabel(selector).list().getItems())
        .flatMap(List::stream)
        .forEach(
            o -> versions.put(key(o), "resourceVersion " + o.getMetadata().getResourceVersion()));
    return versions;
  }

  private static String key(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }
}
