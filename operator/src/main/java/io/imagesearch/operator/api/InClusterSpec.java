package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.sundr.builder.annotations.Buildable;

/** A single-replica StatefulSet with a persistent volume. */
@Buildable(editableEnabled = false, builderPackage = GeneratedBuilders.BASE_PACKAGE)
public class InClusterSpec {
  @Default("10Gi")
  public String storageSize = "10Gi";

  @JsonPropertyDescription("StorageClass of the volume; the cluster default when absent.")
  public String storageClassName;

  @Default("Retain")
  @JsonPropertyDescription("Retain keeps the volume when the cluster resource is deleted.")
  public DeletionPolicy deletionPolicy = DeletionPolicy.Retain;

  @JsonPropertyDescription("Container resources; a small default per dependency when absent.")
  public ResourceRequirements resources;

  public String getStorageSize() {
    return storageSize;
  }

  public void setStorageSize(String storageSize) {
    this.storageSize = storageSize;
  }

  public String getStorageClassName() {
    return storageClassName;
  }

  public void setStorageClassName(String storageClassName) {
    this.storageClassName = storageClassName;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public enum DeletionPolicy {
    Retain,
    Delete
  }
}
