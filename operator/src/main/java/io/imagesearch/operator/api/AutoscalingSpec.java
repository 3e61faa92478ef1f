package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Scales the workers on the queue backlog (stream length plus delayed retries). */
@ValidationRule(
    value = "self.min <= self.max",
    message = "autoscaling.min must be less than or equal to autoscaling.max")
public class AutoscalingSpec {
  @Default("1")
  @Min(0)
  public Integer min = 1;

  @Default("4")
  @Min(1)
  @Max(1000)
  public Integer max = 4;

  @Default("100")
  @Min(1)
  @JsonPropertyDescription("Backlog one worker is expected to absorb.")
  public Integer targetBacklogPerWorker = 100;

  @Default("300")
  @Min(0)
  @JsonPropertyDescription("How long a lower worker count must persist before scaling down.")
  public Integer stabilizationSeconds = 300;

  @Default("operator")
  public Mode mode = Mode.operator;

  /** Lower case to match the YAML values users write. */
  public enum Mode {
    operator,
    keda
  }
}
