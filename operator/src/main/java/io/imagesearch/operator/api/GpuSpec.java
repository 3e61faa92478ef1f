package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** Where and with how many GPUs the workers run. count 0 means CPU workers. */
public class GpuSpec {
  @Default("0")
  @Min(0)
  @JsonPropertyDescription("nvidia.com/gpu limit per worker pod.")
  public Integer count = 0;

  public Map<String, String> nodeSelector;
  public List<Toleration> tolerations;

  @JsonPropertyDescription("RuntimeClass of the worker pods, e.g. nvidia.")
  public String runtimeClassName;
}
