package io.imagesearch.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.core.port.Embedder;
import io.imagesearch.core.port.EmbedderClosedException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The committed tiny model on ONNX Runtime, closed while and after it is used: calls after the
 * close are refused with {@link EmbedderClosedException}, and a close during running forward passes
 * waits for them instead of freeing the native sessions under them (which would end the test JVM).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ClosedEmbedderTest {

  private static final int DIMENSION = 64;

  @Test
  void everyCallAfterCloseIsRefusedWithEmbedderClosedException() {
    DjlClipEmbedder embedder = load();
    BufferedImage image = scene(1);
    Embedder.ImageInput prepared = embedder.prepareImage(image);
    assertThat(embedder.embedText("a red circle")).hasSize(DIMENSION);

    embedder.close();

    assertThatThrownBy(() -> embedder.embedText("a red circle"))
        .isInstanceOf(EmbedderClosedException.class)
        .hasMessageContaining(embedder.modelId());
    assertThatThrownBy(() -> embedder.embedImages(List.of(image)))
        .isInstanceOf(EmbedderClosedException.class);
    assertThatThrownBy(() -> embedder.embedPrepared(List.of(prepared)))
        .isInstanceOf(EmbedderClosedException.class);
    assertThatThrownBy(() -> embedder.preprocess(List.of(image)))
        .isInstanceOf(EmbedderClosedException.class);
    assertThatThrownBy(() -> embedder.tokenize("a red circle"))
        .isInstanceOf(EmbedderClosedException.class);
    // Closing again is harmless.
    embedder.close();
  }

  /**
   * Threads embed image batches and texts without pause; the model is closed under them. Each call
   * returns its vectors or is refused; no other failure, and no crash of the JVM running the test.
   */
  @Test
  void closingDuringForwardPassesWaitsForThemAndRefusesTheRest() throws Exception {
    DjlClipEmbedder embedder = load();
    List<BufferedImage> images =
        IntStream.range(0, 24).mapToObj(ClosedEmbedderTest::scene).toList();
    List<Embedder.ImageInput> prepared = images.stream().map(embedder::prepareImage).toList();
    AtomicInteger completed = new AtomicInteger();
    int threadCount = 4;
    CountDownLatch started = new CountDownLatch(threadCount);
    List<Future<Integer>> callers = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(threadCount)) {
      for (int t = 0; t < threadCount; t++) {
        int kind = t;
        callers.add(
            threads.submit(
                () -> {
                  started.countDown();
                  while (true) {
                    try {
                      List<float[]> vectors =
                          switch (kind % 3) {
                            case 0 -> embedder.embedPrepared(prepared);
                            case 1 -> embedder.embedImages(images);
                            default -> embedder.embedTexts(List.of("two blue squares", "a dog"));
                          };
                      assertThat(vectors).allSatisfy(v -> assertThat(v).hasSize(DIMENSION));
                      completed.incrementAndGet();
                    } catch (EmbedderClosedException refused) {
                      return 1;
                    }
                  }
                }));
      }
      started.await();
      while (completed.get() < 20) {
        Thread.sleep(5);
      }

      embedder.close();

      for (Future<Integer> caller : callers) {
        assertThat(caller.get()).as("each caller ends refused, with no other error").isEqualTo(1);
      }
    }
    assertThat(completed.get()).isGreaterThanOrEqualTo(20);
  }

  private static DjlClipEmbedder load() {
    // Batches of 8: one embedImages call of 24 images spans three guarded forward passes.
    return DjlClipEmbedder.load(TinyClip.spec(ModelFormat.ONNX), new EmbedderOptions(8, 4, 1));
  }

  private static BufferedImage scene(int i) {
    BufferedImage image = new BufferedImage(96, 80, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 96, 80);
    g.setColor(new Color((i * 53) % 256, (i * 97) % 256, (i * 29) % 256));
    g.fillOval(10 + i % 30, 10, 40, 40);
    g.dispose();
    return image;
  }
}
