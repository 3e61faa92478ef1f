package io.imagesearch.embedder;

/** How the two towers are serialised, and which DJL engine runs them. */
public enum ModelFormat {
  TORCHSCRIPT("PyTorch"),
  ONNX("OnnxRuntime");

  private final String engine;

  ModelFormat(String engine) {
    this.engine = engine;
  }

  /** The DJL engine name. */
  public String engine() {
    return engine;
  }
}
