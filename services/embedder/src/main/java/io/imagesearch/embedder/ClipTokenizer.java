package io.imagesearch.embedder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * CLIP tokenization from the model's {@code tokenizer.json}: start and end tokens around the BPE
 * ids; longer texts keep their first {@code contextLength} ids with the end token forced into the
 * last slot (the text tower pools at the end token); shorter ones are padded.
 */
public final class ClipTokenizer implements AutoCloseable {

  private final HuggingFaceTokenizer tokenizer;
  private final int contextLength;
  private final long padId;

  public ClipTokenizer(Path tokenizerJson, int contextLength, long padId) {
    try {
      // Truncation and padding are applied below, the way CLIP does them, not by the tokenizer.
      this.tokenizer =
          HuggingFaceTokenizer.newInstance(
              tokenizerJson,
              Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false"));
    } catch (IOException e) {
      throw new InvalidModelException("cannot load tokenizer " + tokenizerJson, e);
    }
    this.contextLength = contextLength;
    this.padId = padId;
  }

  public int contextLength() {
    return contextLength;
  }

  public long[] encode(String text) {
    // CLIP lowercases with Python's str.lower(), which is context-sensitive (a final capital
    // sigma becomes ς); tokenizer.json's per-character Lowercase is not. Java's toLowerCase
    // follows the same Unicode rules as Python, and the tokenizer's own pass is then a no-op.
    String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
    Encoding encoding = tokenizer.encode(lower);
    long[] ids = encoding.getIds();
    long[] out = new long[contextLength];
    java.util.Arrays.fill(out, padId);
    if (ids.length <= contextLength) {
      System.arraycopy(ids, 0, out, 0, ids.length);
    } else {
      System.arraycopy(ids, 0, out, 0, contextLength);
      out[contextLength - 1] = ids[ids.length - 1];
    }
    return out;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
