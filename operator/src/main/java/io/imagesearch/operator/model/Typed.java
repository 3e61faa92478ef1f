package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.imagesearch.operator.api.ImageSearchCluster;

/** Converts an owned untyped resource to its typed class (same JSON). */
final class Typed {
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Typed() {}

  static <T extends HasMetadata> T as(
      GenericKubernetesResource resource, ImageSearchCluster owner, Class<T> type) {
    return SERIALIZATION.convertValue(Names.owned(resource, owner), type);
  }
}
