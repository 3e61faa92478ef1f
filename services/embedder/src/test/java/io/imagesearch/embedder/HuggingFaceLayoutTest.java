package io.imagesearch.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a model folder in the Hugging Face ONNX layout, and what differs from open_clip's. */
class HuggingFaceLayoutTest {

  @TempDir Path dir;

  private void writeLayout() throws IOException {
    Files.createDirectories(dir.resolve("onnx"));
    Files.writeString(dir.resolve("onnx/vision_model.onnx"), "onnx");
    Files.writeString(dir.resolve("onnx/text_model.onnx"), "onnx");
    Files.writeString(dir.resolve("tokenizer.json"), "{}");
    Files.writeString(
        dir.resolve("config.json"),
        """
        {"projection_dim": 512,
         "text_config": {"max_position_embeddings": 77},
         "vision_config": {"image_size": 224}}
        """);
    Files.writeString(
        dir.resolve("preprocessor_config.json"),
        """
        {"crop_size": {"height": 224, "width": 224},
         "size": {"shortest_edge": 224},
         "image_mean": [0.48145466, 0.4578275, 0.40821073],
         "image_std": [0.26862954, 0.26130258, 0.27577711]}
        """);
  }

  @Test
  void specComesFromTheTransformersConfigFiles() throws IOException {
    writeLayout();

    ClipModelSpec spec = ClipModelSpecReader.read(dir, ModelFormat.ONNX);

    assertThat(spec.dimension()).isEqualTo(512);
    assertThat(spec.imageSize()).isEqualTo(224);
    assertThat(spec.contextLength()).isEqualTo(77);
    assertThat(spec.visual()).isEqualTo(dir.resolve("onnx/vision_model.onnx"));
    assertThat(spec.tokenizer()).isEqualTo(dir.resolve("tokenizer.json"));
    assertThat(spec.padId()).isEqualTo(49407);
    assertThat(spec.textIdsAreInt64()).isTrue();
    assertThat(spec.crop()).isEqualTo(CropRounding.FLOOR);
  }

  @Test
  void torchScriptIsRefusedForAnOnnxOnlyLayout() throws IOException {
    writeLayout();

    assertThatThrownBy(() -> ClipModelSpecReader.read(dir, ModelFormat.TORCHSCRIPT))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("set the model format to ONNX");
  }

  @Test
  void cropOffsetsDifferOnlyOnOddSurplus() {
    assertThat(CropRounding.HALF_EVEN.offset(3)).isEqualTo(2);
    assertThat(CropRounding.FLOOR.offset(3)).isEqualTo(1);
    assertThat(CropRounding.HALF_EVEN.offset(5)).isEqualTo(2);
    assertThat(CropRounding.FLOOR.offset(5)).isEqualTo(2);
    assertThat(CropRounding.HALF_EVEN.offset(4)).isEqualTo(CropRounding.FLOOR.offset(4));
  }

  @Test
  void attentionMaskCoversTokensUpToTheFirstEndOfText() {
    long[] ids = {49406, 320, 1929, 49407, 49407, 49407, 49406, 49407, 49407, 49407, 49407, 49407};

    assertThat(DjlClipEmbedder.attentionMask(ids, 6))
        .containsExactly(1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0);
  }
}
