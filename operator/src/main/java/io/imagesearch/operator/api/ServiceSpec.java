package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** Replicas and resources of one stateless service. */
public class ServiceSpec {
  @Default("1")
  @Min(0)
  @Max(100)
  public Integer replicas = 1;

  @JsonPropertyDescription("Container resources; a small default is used when absent.")
  public ResourceRequirements resources;

  @JsonPropertyDescription("CPU-based HorizontalPodAutoscaler (ingestApi and searchApi only).")
  public HpaSpec hpa;
}
