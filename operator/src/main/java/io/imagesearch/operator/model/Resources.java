package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;

/** Default container resources, in canonical quantities so server-side apply sees no drift. */
final class Resources {
  private Resources() {}

  static ResourceRequirements orDefault(ResourceRequirements given, String cpu, String memory) {
    if (given != null) {
      return given;
    }
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(cpu))
        .addToRequests("memory", new Quantity(memory))
        .addToLimits("memory", new Quantity(memory))
        .build();
  }
}
