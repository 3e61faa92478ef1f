package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.sundr.builder.annotations.Buildable;

/** Replicas and resources of one stateless service. */
@Buildable(editableEnabled = false, builderPackage = GeneratedBuilders.BASE_PACKAGE)
public class ServiceSpec {
  @Default("1")
  @Min(0)
  @Max(100)
  public Integer replicas = 1;

  @JsonPropertyDescription("Container resources; a small default is used when absent.")
  public ResourceRequirements resources;

  @JsonPropertyDescription("CPU-based HorizontalPodAutoscaler (ingestApi and searchApi only).")
  public HpaSpec hpa;

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public HpaSpec getHpa() {
    return hpa;
  }

  public void setHpa(HpaSpec hpa) {
    this.hpa = hpa;
  }
}
