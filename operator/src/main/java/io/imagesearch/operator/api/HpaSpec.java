package io.imagesearch.operator.api;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** A CPU HorizontalPodAutoscaler for a stateless HTTP service. */
@ValidationRule(
    value = "self.minReplicas <= self.maxReplicas",
    message = "hpa.minReplicas must not exceed hpa.maxReplicas")
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
}
