package io.imagesearch.embedder;

class TorchScriptEmbedderContractTest extends DjlEmbedderContract {

  @Override
  ModelFormat format() {
    return ModelFormat.TORCHSCRIPT;
  }
}
