package io.imagesearch.embedder.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagesearch.embedder.ClipModelSpecReader;
import io.imagesearch.embedder.DjlClipEmbedder;
import io.imagesearch.embedder.EmbedderOptions;
import io.imagesearch.embedder.ModelFormat;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * End-to-end embedding throughput, the same work as {@code tiny_clip.py bench-python}: read and
 * decode each file, preprocess, run the image tower in batches; tokenize and run the text tower.
 * Prints JSON with images/s, texts/s, where the image time went and how long tokenizing the texts
 * alone takes.
 *
 * <p>Usage: EmbedderThroughput MODEL_DIR onnx|torchscript IMAGES_DIR THREADS BATCH TEXTS_JSON
 * [WARMUP_PASSES [TEXTS [WARMUP_SECONDS]]]. Without WARMUP_PASSES one batch warms up; with it, that
 * many untimed passes over all images and texts run first, and more until each kind has run for
 * WARMUP_SECONDS, as the Python reference takes the same rule. TEXTS captions (default 400) are
 * encoded per pass.
 */
public final class EmbedderThroughput {

  public static void main(String[] args) throws IOException {
    Path modelDir = Path.of(args[0]);
    ModelFormat format = ModelFormat.valueOf(args[1].toUpperCase());
    Path imagesDir = Path.of(args[2]);
    int threads = Integer.parseInt(args[3]);
    int batch = Integer.parseInt(args[4]);
    int textCount = args.length > 7 ? Integer.parseInt(args[7]) : 400;
    List<String> texts = texts(Path.of(args[5]), textCount);
    List<Path> files = images(imagesDir);
    int warmupPasses = args.length > 6 ? Integer.parseInt(args[6]) : 0;
    double warmupSeconds = args.length > 8 ? Double.parseDouble(args[8]) : 0;

    ImageDecoder decoder = new ImageDecoder(DecoderLimits.DEFAULT);
    try (DjlClipEmbedder embedder =
        DjlClipEmbedder.load(
            ClipModelSpecReader.read(modelDir, format), new EmbedderOptions(batch, 1, threads))) {
      Timings warmup = new Timings();
      imagesPass(files.subList(0, Math.min(files.size(), batch)), batch, decoder, embedder, warmup);
      textsPass(texts.subList(0, batch), batch, embedder);
      // Untimed passes over everything, as the Python side takes: the JIT compiles here. A pass of
      // a small model at a large batch is a few dozen calls, too few for C2, so passes go on
      // until each kind has also run for the minimum warm-up time.
      long images = System.nanoTime();
      for (int pass = 0; pass < warmupPasses || elapsed(images) < warmupSeconds; pass++) {
        imagesPass(files, batch, decoder, embedder, warmup);
      }
      long textStart = System.nanoTime();
      for (int pass = 0; pass < warmupPasses || elapsed(textStart) < warmupSeconds; pass++) {
        textsPass(texts, batch, embedder);
      }

      Timings t = new Timings();
      long start = System.nanoTime();
      int n = imagesPass(files, batch, decoder, embedder, t);
      double imageSeconds = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      int m = textsPass(texts, batch, embedder);
      double textSeconds = (System.nanoTime() - start) / 1e9;
      // The tokenizer alone on the same texts: how much of the text time it takes.
      start = System.nanoTime();
      long ids = 0;
      for (String text : texts) {
        ids += embedder.tokenize(text).length;
      }
      double tokenizeSeconds = (System.nanoTime() - start) / 1e9;

      ObjectNode out = new ObjectMapper().createObjectNode();
      out.put("model", embedder.modelId());
      out.put("runtime", "java-djl-" + format.name().toLowerCase());
      out.put("threads", threads);
      out.put("batch", batch);
      out.put("n_images", n);
      out.put("n_texts", m);
      out.put("images_per_second", round(n / imageSeconds));
      out.put("texts_per_second", round(m / textSeconds));
      out.put("read_decode_seconds", round(t.decode / 1e9));
      out.put("preprocess_seconds", round(t.preprocess / 1e9));
      out.put("inference_seconds", round(t.inference / 1e9));
      out.put("tokenize_seconds", round(tokenizeSeconds));
      out.put("tokenized_ids", ids);
      System.out.println(out.toPrettyString());
    }
  }

  private static int imagesPass(
      List<Path> files, int batch, ImageDecoder decoder, DjlClipEmbedder embedder, Timings t)
      throws IOException {
    int done = 0;
    for (int i = 0; i < files.size(); i += batch) {
      List<Path> chunk = files.subList(i, Math.min(files.size(), i + batch));
      long a = System.nanoTime();
      List<BufferedImage> decoded = new ArrayList<>(chunk.size());
      for (Path file : chunk) {
        decoded.add(decoder.decode(Files.readAllBytes(file)).rgb());
      }
      long b = System.nanoTime();
      // The embedder's own path: the batch is resized on its intra-op threads.
      float[] pixels = embedder.preprocess(decoded);
      long c = System.nanoTime();
      done += embedder.embedTensors(pixels, chunk.size()).size();
      long d = System.nanoTime();
      t.decode += b - a;
      t.preprocess += c - b;
      t.inference += d - c;
    }
    return done;
  }

  private static int textsPass(List<String> texts, int batch, DjlClipEmbedder embedder) {
    int done = 0;
    for (int i = 0; i < texts.size(); i += batch) {
      done += embedder.embedTexts(texts.subList(i, Math.min(texts.size(), i + batch))).size();
    }
    return done;
  }

  private static List<Path> images(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths
          .filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png|webp|bmp|gif)$"))
          .sorted()
          .toList();
    }
  }

  /** The captions of the reference fixtures, repeated to {@code n}, as the Python side does. */
  private static List<String> texts(Path embeddingsReference, int n) throws IOException {
    JsonNode captions = new ObjectMapper().readTree(embeddingsReference.toFile()).path("captions");
    List<String> base = new ArrayList<>();
    captions.forEach(c -> base.add(c.path("text").asText()));
    List<String> out = new ArrayList<>(n);
    for (int i = 0; out.size() < n; i++) {
      out.add(base.get(i % base.size()));
    }
    return out;
  }

  private static double elapsed(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static final class Timings {
    long decode;
    long preprocess;
    long inference;
  }
}
