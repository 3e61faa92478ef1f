package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.imagesearch.operator.api.ImageSearchCluster;

/**
 * At most one pod of a service evicted at a time. maxUnavailable (not minAvailable) so that a
 * single-replica service never blocks a node drain.
 */
public final class PdbModel {
  private PdbModel() {}

  public static PodDisruptionBudget build(ImageSearchCluster cluster, Component component) {
    return Names.owned(
        new PodDisruptionBudgetBuilder()
            .withMetadata(Names.metadata(cluster, component.name(cluster), component.id()))
            .withNewSpec()
            .withMaxUnavailable(new IntOrString(1))
            .withNewSelector()
            .withMatchLabels(Names.selector(cluster, component.id()))
            .endSelector()
            .endSpec()
            .build(),
        cluster);
  }
}
