package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** The embedding model the workers and search API load. */
public class ModelSpec {
  @Default("models/tiny-clip")
  @JsonPropertyDescription(
      "A folder in the image, https://.../model.tar.gz#sha256=<hex>, or hf:<owner>/<repo>@<rev>.")
  public String location = "models/tiny-clip";

  @Default("ONNX")
  public ModelFormat format = ModelFormat.ONNX;

  public enum ModelFormat {
    ONNX,
    TORCHSCRIPT
  }
}
