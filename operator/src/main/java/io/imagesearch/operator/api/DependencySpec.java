package io.imagesearch.operator.api;

import io.fabric8.generator.annotation.ValidationRule;
import io.sundr.builder.annotations.Buildable;

/** A backing service either run by the operator (inCluster) or provided (external). */
@ValidationRule(
    value = "has(self.external) != has(self.inCluster)",
    message = "set exactly one of inCluster or external")
@Buildable(editableEnabled = false, builderPackage = GeneratedBuilders.BASE_PACKAGE)
public class DependencySpec {
  public InClusterSpec inCluster;
  public ExternalSpec external;

  public InClusterSpec getInCluster() {
    return inCluster;
  }

  public void setInCluster(InClusterSpec inCluster) {
    this.inCluster = inCluster;
  }

  public ExternalSpec getExternal() {
    return external;
  }

  public void setExternal(ExternalSpec external) {
    this.external = external;
  }
}
