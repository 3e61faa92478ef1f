package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddingModelTest {

  @Test
  void aFolderInSpecModelNamesTheAbsolutePathTheServicesStore() {
    EmbeddingModel spec = new EmbeddingModel("models/tiny-clip", "ONNX");

    assertThat(spec.names("/models/tiny-clip", "ONNX")).isTrue();
    assertThat(spec.names("/models/./tiny-clip/", "onnx")).isTrue();
    assertThat(spec.names("/models/tiny-clip-b", "ONNX")).isFalse();
    assertThat(spec.names("/models/tiny-clip", "TORCHSCRIPT")).isFalse();
  }

  @Test
  void archivesAndHuggingFaceNamesCompareAsGiven() {
    EmbeddingModel archive =
        new EmbeddingModel("https://example.org/clip.tar.gz#sha256=" + "a".repeat(64), "ONNX");
    EmbeddingModel hub = new EmbeddingModel("hf:owner/clip@v1", "ONNX");

    assertThat(archive.names(archive.location(), "ONNX")).isTrue();
    assertThat(archive.names("/https:/example.org/clip.tar.gz", "ONNX")).isFalse();
    assertThat(hub.names("hf:owner/clip@v1", "ONNX")).isTrue();
    assertThat(hub.names("hf:owner/clip@v2", "ONNX")).isFalse();
  }
}
