package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.sundr.builder.annotations.Buildable;

/** The ingest workers: replicas apply when autoscaling is off. */
@Buildable(editableEnabled = false, builderPackage = GeneratedBuilders.BASE_PACKAGE)
public class WorkerSpec extends ServiceSpec {
  public GpuSpec gpu = new GpuSpec();

  @JsonPropertyDescription("Queue-driven scaling; replicas is ignored when present.")
  public AutoscalingSpec autoscaling;

  public GpuSpec getGpu() {
    return gpu;
  }

  public void setGpu(GpuSpec gpu) {
    this.gpu = gpu;
  }

  public AutoscalingSpec getAutoscaling() {
    return autoscaling;
  }

  public void setAutoscaling(AutoscalingSpec autoscaling) {
    this.autoscaling = autoscaling;
  }
}
