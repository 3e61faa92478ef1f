package io.imagesearch.operator.api;

import io.fabric8.generator.annotation.ValidationRule;

/** A backing service either run by the operator (inCluster) or provided (external). */
@ValidationRule(
    value = "has(self.external) != has(self.inCluster)",
    message = "set exactly one of inCluster or external")
public class DependencySpec {
  public InClusterSpec inCluster;
  public ExternalSpec external;
}
