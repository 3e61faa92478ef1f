package io.imagesearch.clustere2e;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the operator wrote into a namespace: for each child it manages, a version that changes only
 * when somebody rewrites the child (generation where the kind has one, else the resourceVersion,
 * which status updates do not touch for these kinds).
 */
final class ChildSnapshot {
  private static final String MANAGED = "app.kubernetes.io/managed-by";
  private static final List<Class<? extends HasMetadata>> WITH_GENERATION =
      List.of(
          Deployment.class,
          StatefulSet.class,
          PodDisruptionBudget.class,
          NetworkPolicy.class,
          Ingress.class,
          HorizontalPodAutoscaler.class);
  private static final List<Class<? extends HasMetadata>> WITHOUT_GENERATION =
      List.of(Service.class, ConfigMap.class, Secret.class);

  private ChildSnapshot() {}

  static Map<String, String> take(KubernetesClient client, String namespace) {
    Map<String, String> versions = new TreeMap<>();
    for (Class<? extends HasMetadata> kind : WITH_GENERATION) {
      managed(client, namespace, kind)
          .forEach(o -> versions.put(key(o), "generation " + o.getMetadata().getGeneration()));
    }
    for (Class<? extends HasMetadata> kind : WITHOUT_GENERATION) {
      managed(client, namespace, kind)
          .forEach(
              o -> versions.put(key(o), "resourceVersion " + o.getMetadata().getResourceVersion()));
    }
    return versions;
  }

  private static List<? extends HasMetadata> managed(
      KubernetesClient client, String namespace, Class<? extends HasMetadata> kind) {
    return client.resources(kind).inNamespace(namespace).withLabel(MANAGED).list().getItems();
  }

  private static String key(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }
}
