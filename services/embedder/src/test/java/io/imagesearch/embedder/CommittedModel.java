package io.imagesearch.embedder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model folder committed under {@code models/} (trained by tools/models/train_tiny_clip.sh) and
 * the reference outputs the Python pipeline wrote into its {@code fixtures/}.
 */
record CommittedModel(Path dir) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code models/<folder>} in the checkout the tests run in. */
  static CommittedModel named(String folder) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("models").resolve(folder);
      if (Files.isDirectory(candidate)) {
        return new CommittedModel(candidate);
      }
    }
    throw new IllegalStateException(
        "models/"
            + folder
            + " not found above "
            + Path.of("").toAbsolutePath()
            + "; regenerate it with tools/models/train_tiny_clip.sh (tools/models/README.md)");
  }

  Path fixtures() {
    return dir.resolve("fixtures");
  }

  /** A JSON file under {@code fixtures/}. */
  JsonNode json(String fixture) {
    return read(fixtures().resolve(fixture));
  }

  /** The summary the export wrote: id, dimension, held-out recall, training settings. */
  JsonNode modelJson() {
    return read(dir.resolve("model.json"));
  }

  ClipModelSpec spec(ModelFormat format) {
    return ClipModelSpecReader.read(dir, format);
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
