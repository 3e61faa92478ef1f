package io.imagesearch.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Token ids from tokenizer.json through DJL against open_clip's tokenizer, string by string. */
class TokenizerParityTest {

  private static ClipTokenizer tokenizer;

  @BeforeAll
  static void load() {
    ClipModelSpec spec = TinyClip.spec(ModelFormat.ONNX);
    tokenizer = new ClipTokenizer(spec.tokenizer(), spec.contextLength(), spec.padId());
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  static Stream<Arguments> corpus() {
    List<Arguments> out = new ArrayList<>();
    int i = 0;
    for (JsonNode entry : TinyClip.json("tokens_reference.json").path("entries")) {
      String text = entry.path("text").asText();
      String label = text.length() > 40 ? text.substring(0, 40) + "..." : text;
      out.add(Arguments.of(i++, label, text, TinyClip.longs(entry.path("ids"))));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @MethodSource("corpus")
  void idsMatchTheReference(int index, String label, String text, long[] expected) {
    assertThat(tokenizer.encode(text)).containsExactly(expected);
  }
}
