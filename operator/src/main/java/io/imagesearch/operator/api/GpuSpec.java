package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.Toleration;
import io.sundr.builder.annotations.Buildable;
import java.util.List;
import java.util.Map;

/** Where and with how many GPUs the workers run. count 0 means CPU workers. */
@Buildable(editableEnabled = false, builderPackage = GeneratedBuilders.BASE_PACKAGE)
public class GpuSpec {
  @Default("0")
  @Min(0)
  @JsonPropertyDescription("nvidia.com/gpu limit per worker pod.")
  public Integer count = 0;

  public Map<String, String> nodeSelector;
  public List<Toleration> tolerations;

  @JsonPropertyDescription("RuntimeClass of the worker pods, e.g. nvidia.")
  public String runtimeClassName;

  public Integer getCount() {
    return count;
  }

  public void setCount(Integer count) {
    this.count = count;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public String getRuntimeClassName() {
    return runtimeClassName;
  }

  public void setRuntimeClassName(String runtimeClassName) {
    this.runtimeClassName = runtimeClassName;
  }
}
