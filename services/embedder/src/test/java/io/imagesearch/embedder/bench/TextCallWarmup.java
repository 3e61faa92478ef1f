package io.imagesearch.embedder.bench;

import io.imagesearch.embedder.ClipModelSpecReader;
import io.imagesearch.embedder.DjlClipEmbedder;
import io.imagesearch.embedder.EmbedderOptions;
import io.imagesearch.embedder.ModelFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a text call's cost falls as the JIT warms up: {@code embedTexts} on the same BATCH captions
 * over and over, in rounds of 20000 texts, each round printing the microseconds per call with and
 * without the tokenizing (timed alone on the same captions).
 *
 * <p>Usage: TextCallWarmup MODEL_DIR BATCH [ROUNDS] [THREADS]
 */
public final class TextCallWarmup {

  private static final List<String> CAPTIONS =
      List.of(
          "two small red circles on a white background",
          "one large green star at the top",
          "three yellow triangles on a black background",
          "a purple cross",
          "two blue squares at the bottom left",
          "one small orange circle",
          "four large gray crosses on a white background",
          "a red star");

  public static void main(String[] args) {
    Path model = Path.of(args[0]);
    int batch = Integer.parseInt(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    List<String> texts = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      texts.add(CAPTIONS.get(i % CAPTIONS.size()));
    }
    int calls = Math.max(1, 20000 / batch);
    try (DjlClipEmbedder embedder =
        DjlClipEmbedder.load(
            ClipModelSpecReader.read(model, ModelFormat.ONNX),
            new EmbedderOptions(batch, 1, threads))) {
      for (int round = 1; round <= rounds; round++) {
        long start = System.nanoTime();
        for (int c = 0; c < calls; c++) {
          embedder.embedTexts(texts);
        }
        double call = (System.nanoTime() - start) / 1e3 / calls;
        start = System.nanoTime();
        for (int c = 0; c < calls; c++) {
          texts.forEach(embedder::tokenize);
        }
        double tokenize = (System.nanoTime() - start) / 1e3 / calls;
        System.out.printf(
            "round %d, %d calls of %d texts: %.1f us per call, tokenizing %.1f us, the rest %.1f us%n",
            round, calls, batch, call, tokenize, call - tokenize);
      }
    }
  }
}
