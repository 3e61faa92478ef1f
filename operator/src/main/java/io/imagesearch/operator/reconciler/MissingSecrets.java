package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imagesearch.operator.api.DependencySpec;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.model.Dependency;
import java.util.EnumMap;
import java.util.Map;

/** External dependencies whose referenced Secret does not exist, with a message naming it. */
public final class MissingSecrets {
  private MissingSecrets() {}

  public static Map<Dependency, String> find(ImageSearchCluster cluster, KubernetesClient client) {
    Map<Dependency, String> missing = new EnumMap<>(Dependency.class);
    String namespace = cluster.getMetadata().getNamespace();
    for (Dependency dependency : Dependency.values()) {
      DependencySpec spec = dependency.spec(cluster);
      if (spec.external == null || spec.external.secretRef == null) {
        continue;
      }
      String name = spec.external.secretRef.name;
      if (client.resources(Secret.class).inNamespace(namespace).withName(name).get() == null) {
        missing.put(
            dependency,
            "Secret "
                + namespace
                + "/"
                + name
                + " referenced by spec."
                + dependency.statusKey()
                + ".external.secretRef does not exist");
      }
    }
    return missing;
  }
}
