package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** A single-replica StatefulSet with a persistent volume. */
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

  public enum DeletionPolicy {
    Retain,
    Delete
  }
}
