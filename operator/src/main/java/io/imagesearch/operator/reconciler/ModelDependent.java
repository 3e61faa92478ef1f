package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import java.util.function.Function;

/**
 * A child whose desired state is a pure function of the cluster resource. JOSDK instantiates
 * dependents by class, so each child is still a class of its own, but one that only names its kind
 * and its model.
 */
abstract class ModelDependent<R extends HasMetadata>
    extends CRUDKubernetesDependentResource<R, ImageSearchCluster> {
  private final Function<ImageSearchCluster, R> model;

  ModelDependent(Class<R> kind, Function<ImageSearchCluster, R> model) {
    super(kind);
    this.model = model;
  }

  @Override
  protected R desired(ImageSearchCluster primary, Context<ImageSearchCluster> context) {
    return model.apply(primary);
  }
}
