package io.imagesearch.embedder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a model folder in one of the layouts CLIP exports come in:
 *
 * <ul>
 *   <li>the immich / open_clip ONNX layout: {@code config.json}, {@code visual/model.onnx}, {@code
 *       visual/preprocess_cfg.json}, {@code textual/model.onnx}, {@code textual/tokenizer.json};
 *   <li>the same plus {@code torchscript/visual.pt} and {@code torchscript/textual.pt} (the
 *       project's own exports), described by a {@code model.json};
 *   <li>the Hugging Face ONNX layout (as in {@code Xenova/clip-vit-base-patch32}): {@code
 *       config.json}, {@code preprocessor_config.json}, {@code tokenizer.json}, {@code
 *       onnx/vision_model.onnx}, {@code onnx/text_model.onnx}.
 * </ul>
 */
public final class ClipModelSpecReader {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final float[] OPENAI_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
  private static final float[] OPENAI_STD = {0.26862954f, 0.26130258f, 0.27577711f};

  private ClipModelSpecReader() {}

  /** CLIP's end-of-text id; Hugging Face's CLIP tokenizers pad with it. */
  static final long CLIP_EOT_ID = 49407;

  public static ClipModelSpec read(Path dir, ModelFormat format) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidModelException("model folder " + dir + " does not exist");
    }
    if (Files.isRegularFile(dir.resolve("onnx/vision_model.onnx"))) {
      return readHuggingFaceOnnx(dir, format);
    }
    JsonNode config = readJson(dir.resolve("config.json"));
    JsonNode preprocess = readJson(dir.resolve("visual/preprocess_cfg.json"));
    Path modelJson = dir.resolve("model.json");
    String modelId =
        Files.isRegularFile(modelJson)
            ? readJson(modelJson).path("id").asText(dir.getFileName().toString())
            : dir.getFileName().toString();
    int dimension = required(config, "embed_dim", dir).asInt();
    int imageSize = firstInt(preprocess.path("size"), config.path("vision_cfg").path("image_size"));
    int contextLength = config.path("text_cfg").path("context_length").asInt(77);
    float[] mean = floats(preprocess.path("mean"), OPENAI_MEAN);
    float[] std = floats(preprocess.path("std"), OPENAI_STD);
    Path visual;
    Path textual;
    boolean int64Ids;
    if (format == ModelFormat.TORCHSCRIPT) {
      visual = dir.resolve("torchscript/visual.pt");
      textual = dir.resolve("torchscript/textual.pt");
      int64Ids = true;
    } else {
      visual = dir.resolve("visual/model.onnx");
      textual = dir.resolve("textual/model.onnx");
      // immich's textual exports take int32 ids.
      int64Ids = false;
    }
    return new ClipModelSpec(
        modelId,
        dimension,
        format,
        visual,
        textual,
        dir.resolve("textual/tokenizer.json"),
        imageSize,
        mean,
        std,
        contextLength,
        0L,
        int64Ids,
        CropRounding.HALF_EVEN);
  }

  private static ClipModelSpec readHuggingFaceOnnx(Path dir, ModelFormat format) {
    if (format != ModelFormat.ONNX) {
      throw new InvalidModelException(
          dir + " is a Hugging Face ONNX export: set the model format to ONNX");
    }
    JsonNode config = readJson(dir.resolve("config.json"));
    JsonNode preprocessor = readJson(dir.resolve("preprocessor_config.json"));
    JsonNode crop = preprocessor.path("crop_size");
    int imageSize =
        crop.isObject()
            ? crop.path("height").asInt()
            : crop.asInt(config.path("vision_config").path("image_size").asInt(224));
    return new ClipModelSpec(
        dir.getFileName().toString(),
        required(config, "projection_dim", dir).asInt(),
        format,
        dir.resolve("onnx/vision_model.onnx"),
        dir.resolve("onnx/text_model.onnx"),
        dir.resolve("tokenizer.json"),
        imageSize,
        floats(preprocessor.path("image_mean"), OPENAI_MEAN),
        floats(preprocessor.path("image_std"), OPENAI_STD),
        config.path("text_config").path("max_position_embeddings").asInt(77),
        CLIP_EOT_ID,
        true,
        CropRounding.FLOOR);
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidModelException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode required(JsonNode node, String field, Path dir) {
    JsonNode value = node.path(field);
    if (value.isMissingNode() || value.isNull()) {
      throw new InvalidModelException(dir.resolve("config.json") + " lacks \"" + field + "\"");
    }
    return value;
  }

  private static int firstInt(JsonNode size, JsonNode fallback) {
    JsonNode n = size.isArray() ? size.path(0) : size;
    return n.isNumber() ? n.asInt() : fallback.asInt(224);
  }

  private static float[] floats(JsonNode array, float[] fallback) {
    if (!array.isArray() || array.size() != 3) {
      return fallback.clone();
    }
    float[] out = new float[3];
    for (int i = 0; i < 3; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }
}
