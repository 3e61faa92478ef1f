package io.imagesearch.embedder;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's committed tiny model and the reference outputs the Python pipeline wrote. */
final class TinyClip {
  private TinyClip() {}

  static final CommittedModel MODEL = CommittedModel.named("tiny-clip");
  static final Path DIR = MODEL.dir();
  static final Path FIXTURES = MODEL.fixtures();

  static JsonNode json(String fixture) {
    return MODEL.json(fixture);
  }

  static float[] floats(Path file) {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      float[] out = new float[buffer.remaining() / 4];
      buffer.asFloatBuffer().get(out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }

  static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }

  static ClipModelSpec spec(ModelFormat format) {
    return MODEL.spec(format);
  }
}
