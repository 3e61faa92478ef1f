package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;

/** The parts of a workload's pod the model tests look at. */
final class PodParts {
  private PodParts() {}

  static Container container(StatefulSet statefulSet) {
    return statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static String env(Container container, String name) {
    return envVar(container, name).getValue();
  }

  /** (secret name, key) of an env var read from a Secret. */
  static List<String> secretRef(Container container, String name) {
    var ref = envVar(container, name).getValueFrom().getSecretKeyRef();
    return List.of(ref.getName(), ref.getKey());
  }

  private static EnvVar envVar(Container container, String name) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
