package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.sundr.builder.annotations.Buildable;

/**
 * The embedding model the cluster should serve: the workers load it at once, search-api once the
 * model state says the switch to it happened (see {@code MigrationReport}).
 */
@Buildable(editableEnabled = false, builderPackage = GeneratedBuilders.BASE_PACKAGE)
public class ModelSpec {
  @Default("models/tiny-clip")
  @JsonPropertyDescription(
      "A folder in the image, https://.../model.tar.gz#sha256=<hex>, or hf:<owner>/<repo>@<rev>.")
  public String location = "models/tiny-clip";

  @Default("ONNX")
  public ModelFormat format = ModelFormat.ONNX;

  public String getLocation() {
    return location;
  }

  public void setLocation(String location) {
    this.location = location;
  }

  public ModelFormat getFormat() {
    return format;
  }

  public void setFormat(ModelFormat format) {
    this.format = format;
  }

  public enum ModelFormat {
    ONNX,
    TORCHSCRIPT
  }
}
