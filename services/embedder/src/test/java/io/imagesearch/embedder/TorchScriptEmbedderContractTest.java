package io.imagesearch.embedder;

import io.imagesearch.core.port.Embedder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class TorchScriptEmbedderContractTest extends DjlEmbedderContract {

  private static DjlClipEmbedder embedder;

  @BeforeAll
  static void load() {
    embedder = load(ModelFormat.TORCHSCRIPT);
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  @Override
  protected Embedder embedder() {
    return embedder;
  }
}
