package io.imagesearch.embedder;

class OnnxEmbedderContractTest extends DjlEmbedderContract {

  @Override
  ModelFormat format() {
    return ModelFormat.ONNX;
  }
}
