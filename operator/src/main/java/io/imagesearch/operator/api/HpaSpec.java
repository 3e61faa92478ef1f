package io.imagesearch.operator.api;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import io.sundr.builder.annotations.Buildable;

/** A CPU HorizontalPodAutoscaler for a stateless HTTP service. */
@ValidationRule(
    value = "self.minReplicas <= self.maxReplicas",
    message = "hpa.minReplicas must not exceed hpa.maxReplicas")
@Buildable(editableEnabled = false, builderPackage = GeneratedBuilders.BASE_PACKAGE)
public class HpaSpec {
  @Default("1")
  @Min(1)
  public Integer minReplicas = 1;

  @Default("5")
  @Min(1)
  @Max(1000)
  public Integer maxReplicas = 5;

  @Default("75")
  @Min(1)
  @Max(100)
  public Integer targetCpuUtilization = 75;

  public Integer getMinReplicas() {
    return minReplicas;
  }

  public void setMinReplicas(Integer minReplicas) {
    this.minReplicas = minReplicas;
  }

  public Integer getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(Integer maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  public Integer getTargetCpuUtilization() {
    return targetCpuUtilization;
  }

  public void setTargetCpuUtilization(Integer targetCpuUtilization) {
    this.targetCpuUtilization = targetCpuUtilization;
  }
}
