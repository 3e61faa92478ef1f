package io.imagesearch.embedder;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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

  /** The ids of a text padded to the context length, as the reference pipeline feeds them. */
  public long[] encode(String text) {
    return pad(ids(text), contextLength);
  }

  /**
   * The ids of a text without padding: start token, BPE ids, end token; at most the context length,
   * with the end token forced into the last slot of a text that was cut.
   */
  public long[] ids(String text) {
    // CLIP lowercases with Python's str.lower(), which is context-sensitive (a final capital
    // sigma becomes ς); tokenizer.json's per-character Lowercase is not. Java's toLowerCase
    // follows the same Unicode rules as Python, and the tokenizer's own pass is then a no-op.
    String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
    long[] ids = tokenizer.encode(lower).getIds();
    if (ids.length <= contextLength) {
      return ids;
    }
    long[] cut = Arrays.copyOf(ids, contextLength);
    cut[contextLength - 1] = ids[ids.length - 1];
    return cut;
  }

  /** {@code ids} followed by the pad id up to {@code length}. */
  public long[] pad(long[] ids, int length) {
    return padRows(List.of(ids), length);
  }

  /** Each row of ids padded to {@code length}, laid end to end, as a text tower takes a batch. */
  public long[] padRows(List<long[]> rows, int length) {
    long[] out = new long[rows.size() * length];
    Arrays.fill(out, padId);
    for (int i = 0; i < rows.size(); i++) {
      long[] ids = rows.get(i);
      System.arraycopy(ids, 0, out, i * length, ids.length);
    }
    return out;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
