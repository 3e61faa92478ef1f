package io.imagesearch.embedder;

import io.imagesearch.contract.EmbedderContract;
import io.imagesearch.core.port.Embedder;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The port's contract on the committed tiny model; each subclass loads one runtime once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DjlEmbedderContract extends EmbedderContract {

  /** Held-out images whose captions differ in count, size, colour and background. */
  private static final List<String> PAIRS = List.of("000.png", "002.png", "007.png", "022.png");

  private DjlClipEmbedder embedder;

  abstract ModelFormat format();

  /** Batches of 16, so the contract's 70-image call spans several forward passes. */
  @BeforeAll
  void load() {
    embedder = DjlClipEmbedder.load(TinyClip.spec(format()), new EmbedderOptions(16, 2, 1));
  }

  @AfterAll
  void close() {
    embedder.close();
  }

  @Override
  protected Embedder embedder() {
    return embedder;
  }

  @Override
  protected List<CaptionedImage> knownPairs() {
    ImageDecoder decoder = new ImageDecoder(DecoderLimits.DEFAULT);
    return PAIRS.stream()
        .map(
            file -> {
              try {
                byte[] bytes =
                    Files.readAllBytes(TinyClip.FIXTURES.resolve("heldout").resolve(file));
                String caption = TinyClip.json("heldout/captions.json").path(file).asText();
                return new CaptionedImage(decoder.decode(bytes).rgb(), caption);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .toList();
  }
}
