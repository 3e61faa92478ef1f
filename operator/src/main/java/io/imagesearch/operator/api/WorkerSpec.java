package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The ingest workers: replicas apply when autoscaling is off. */
public class WorkerSpec extends ServiceSpec {
  public GpuSpec gpu = new GpuSpec();

  @JsonPropertyDescription("Queue-driven scaling; replicas is ignored when present.")
  public AutoscalingSpec autoscaling;
}
