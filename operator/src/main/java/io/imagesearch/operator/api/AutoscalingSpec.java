package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import io.sundr.builder.annotations.Buildable;

/** Scales the workers on the queue backlog (stream length plus delayed retries). */
@ValidationRule(
    value = "self.min <= self.max",
    message = "autoscaling.min must be less than or equal to autoscaling.max")
@Buildable(editableEnabled = false, builderPackage = GeneratedBuilders.BASE_PACKAGE)
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

  public Integer getMin() {
    return min;
  }

  public void setMin(Integer min) {
    this.min = min;
  }

  public Integer getMax() {
    return max;
  }

  public void setMax(Integer max) {
    this.max = max;
  }

  public Integer getTargetBacklogPerWorker() {
    return targetBacklogPerWorker;
  }

  public void setTargetBacklogPerWorker(Integer targetBacklogPerWorker) {
    this.targetBacklogPerWorker = targetBacklogPerWorker;
  }

  public Integer getStabilizationSeconds() {
    return stabilizationSeconds;
  }

  public void setStabilizationSeconds(Integer stabilizationSeconds) {
    this.stabilizationSeconds = stabilizationSeconds;
  }

  public Mode getMode() {
    return mode;
  }

  public void setMode(Mode mode) {
    this.mode = mode;
  }

  /** Lower case to match the YAML values users write. */
  public enum Mode {
    operator,
    keda
  }
}
