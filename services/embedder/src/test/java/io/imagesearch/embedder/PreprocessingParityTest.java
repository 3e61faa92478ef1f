package io.imagesearch.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Java preprocessing against the tensors the Python reference wrote. Lossless formats must match to
 * float rounding (the Pillow resampler is reproduced exactly); JPEG may differ by the IDCT and
 * chroma upsampling of the two decoders, so it gets a tolerance of a few 8-bit levels.
 */
class PreprocessingParityTest {

  /** One 8-bit level in normalised units is about 1/255/0.27 = 0.0146. */
  static final double LOSSLESS_TOLERANCE = 1e-5;

  static final double JPEG_MAX_TOLERANCE = 0.15;
  static final double JPEG_MEAN_TOLERANCE = 0.01;

  private final ImageDecoder decoder = new ImageDecoder(DecoderLimits.DEFAULT);
  private final ImagePreprocessor preprocessor = TinyClip.spec(ModelFormat.ONNX).preprocessor();

  static Stream<String> fixtures() {
    List<String> names = new ArrayList<>();
    TinyClip.json("preprocess_reference.json")
        .path("images")
        .fieldNames()
        .forEachRemaining(names::add);
    return names.stream();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void tensorMatchesTheReference(String name) throws IOException {
    JsonNode entry = TinyClip.json("preprocess_reference.json").path("images").path(name);
    float[] expected = TinyClip.floats(TinyClip.FIXTURES.resolve(entry.path("tensor").asText()));
    byte[] bytes = Files.readAllBytes(TinyClip.FIXTURES.resolve(entry.path("file").asText()));

    float[] actual = preprocessor.toTensor(decoder.decode(bytes).rgb());

    assertThat(actual).hasSameSizeAs(expected);
    double max = 0;
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      double d = Math.abs(actual[i] - expected[i]);
      max = Math.max(max, d);
      sum += d;
    }
    double mean = sum / actual.length;
    if (name.endsWith(".jpg")) {
      assertThat(max).as("%s max abs diff", name).isLessThanOrEqualTo(JPEG_MAX_TOLERANCE);
      assertThat(mean).as("%s mean abs diff", name).isLessThanOrEqualTo(JPEG_MEAN_TOLERANCE);
    } else {
      assertThat(max).as("%s max abs diff", name).isLessThanOrEqualTo(LOSSLESS_TOLERANCE);
    }
  }
}
