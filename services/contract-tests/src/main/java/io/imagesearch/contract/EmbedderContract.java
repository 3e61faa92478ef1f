package io.imagesearch.contract;

import static io.imagesearch.contract.Vectors.cosine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.core.port.Embedder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Embedder} adapter must do, whatever model it runs; an adapter's test extends
 * this class. The subclass owns the embedder's lifecycle (loading a model is slow, so it may share
 * one across the tests) and names image/caption pairs its model is known to match.
 */
public abstract class EmbedderContract {

  /** Vectors of the same input may differ by float rounding across batch sizes, no more. */
  private static final double SAME = 0.9999;

  /** The embedder under test, ready to use. */
  protected abstract Embedder embedder();

  /** Images with a caption each that the model ranks first among the captions of the others. */
  protected abstract List<CaptionedImage> knownPairs();

  public record CaptionedImage(BufferedImage image, String caption) {}

  @Test
  void namesItsModelAndDimension() {
    assertThat(embedder().modelId()).isNotBlank();
    assertThat(embedder().dimension()).isPositive();
  }

  @Test
  void oneUnitVectorPerImageInTheOrderGiven() {
    List<BufferedImage> images = List.of(scene(0), scene(1), scene(2));

    List<float[]> vectors = embedder().embedImages(images);
    List<float[]> reversed = embedder().embedImages(images.reversed());

    assertThat(vectors).hasSize(3);
    vectors.forEach(this::assertUnitVectorOfTheModelsDimension);
    assertThat(cosine(vectors.get(0), vectors.get(1))).isLessThan(SAME);
    for (int i = 0; i < 3; i++) {
      assertThat(cosine(vectors.get(i), reversed.get(2 - i))).isGreaterThan(SAME);
    }
  }

  @Test
  void preparedImagesGiveWhatTheImagesGive() {
    List<BufferedImage> images = IntStream.range(0, 5).mapToObj(EmbedderContract::scene).toList();

    List<float[]> direct = embedder().embedImages(images);
    List<float[]> prepared =
        embedder().embedPrepared(images.stream().map(embedder()::prepareImage).toList());

    assertThat(prepared).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(cosine(prepared.get(i), direct.get(i))).as("image %d", i).isGreaterThan(SAME);
    }
    assertThat(cosine(prepared.get(0), prepared.get(1))).isLessThan(SAME);
  }

  @Test
  void anInputPreparedElsewhereIsRefused() {
    Embedder.ImageInput foreign = new Embedder.ImageInput() {};

    assertThatThrownBy(() -> embedder().embedPrepared(List.of(foreign)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBatchLargerThanAnyForwardPassGivesWhatSingleImagesGive() {
    List<BufferedImage> images = IntStream.range(0, 70).mapToObj(EmbedderContract::scene).toList();

    List<float[]> together = embedder().embedImages(images);
    List<float[]> prepared =
        embedder().embedPrepared(images.stream().map(embedder()::prepareImage).toList());

    assertThat(together).hasSize(images.size());
    assertThat(prepared).hasSize(images.size());
    for (int i : new int[] {0, 33, 69}) {
      float[] alone = embedder().embedImages(List.of(images.get(i))).getFirst();
      assertThat(cosine(together.get(i), alone)).as("image %d", i).isGreaterThan(SAME);
      assertThat(cosine(prepared.get(i), alone)).as("prepared image %d", i).isGreaterThan(SAME);
    }
  }

  @Test
  void noImagesGiveNoVectors() {
    assertThat(embedder().embedImages(List.of())).isEmpty();
  }

  @Test
  void imagesOfAnySizeAndShapeEmbed() {
    List<BufferedImage> odd =
        List.of(
            solid(1, 1, Color.RED),
            solid(3, 2, Color.GREEN),
            solid(2000, 9, Color.BLUE),
            solid(9, 2000, Color.WHITE),
            new BufferedImage(50, 50, BufferedImage.TYPE_BYTE_GRAY));

    List<float[]> vectors = embedder().embedImages(odd);

    assertThat(vectors).hasSize(odd.size());
    vectors.forEach(this::assertUnitVectorOfTheModelsDimension);
  }

  @Test
  void textVectorsAreUnitLengthAndTheSameEachTime() {
    float[] first = embedder().embedText("two small red circles on a white background");
    float[] again = embedder().embedText("two small red circles on a white background");
    float[] other = embedder().embedText("one large blue square");

    assertUnitVectorOfTheModelsDimension(first);
    assertThat(cosine(first, again)).isGreaterThan(SAME);
    assertThat(cosine(first, other)).isLessThan(SAME);
  }

  @Test
  void emptyAndOverlongTextsEmbed() {
    assertUnitVectorOfTheModelsDimension(embedder().embedText(""));
    assertUnitVectorOfTheModelsDimension(embedder().embedText("red circle ".repeat(2000)));
    assertUnitVectorOfTheModelsDimension(embedder().embedText("ünïcödé, emoji 🙂 and 中文"));
  }

  @Test
  void eachKnownImageIsClosestToItsOwnCaption() {
    List<CaptionedImage> pairs = knownPairs();
    assertThat(pairs).as("the subclass names at least two pairs").hasSizeGreaterThanOrEqualTo(2);
    List<float[]> images =
        embedder().embedImages(pairs.stream().map(CaptionedImage::image).toList());

    for (int i = 0; i < pairs.size(); i++) {
      float[] image = images.get(i);
      int best = 0;
      for (int j = 1; j < pairs.size(); j++) {
        if (cosine(image, embedder().embedText(pairs.get(j).caption()))
            > cosine(image, embedder().embedText(pairs.get(best).caption()))) {
          best = j;
        }
      }
      assertThat(pairs.get(best).caption())
          .as("best caption of image %d", i)
          .isEqualTo(pairs.get(i).caption());
    }
  }

  @Test
  void concurrentCallersGetWhatSequentialCallsGive() throws Exception {
    List<BufferedImage> images = IntStream.range(0, 8).mapToObj(EmbedderContract::scene).toList();
    List<float[]> expected = embedder().embedImages(images);
    float[] expectedText = embedder().embedText("three yellow triangles");

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<float[]>>> imageCalls = new ArrayList<>();
      List<Future<float[]>> textCalls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        imageCalls.add(pool.submit(() -> embedder().embedImages(images)));
        textCalls.add(pool.submit(() -> embedder().embedText("three yellow triangles")));
      }
      for (Future<List<float[]>> call : imageCalls) {
        List<float[]> got = call.get();
        for (int i = 0; i < images.size(); i++) {
          assertThat(cosine(got.get(i), expected.get(i))).isGreaterThan(SAME);
        }
      }
      for (Future<float[]> call : textCalls) {
        assertThat(cosine(call.get(), expectedText)).isGreaterThan(SAME);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void assertUnitVectorOfTheModelsDimension(float[] vector) {
    assertThat(vector).hasSize(embedder().dimension());
    double norm = 0;
    for (float v : vector) {
      assertThat(Float.isFinite(v)).isTrue();
      norm += v * v;
    }
    assertThat(Math.sqrt(norm)).isBetween(0.999, 1.001);
  }

  /** A distinct picture per {@code n}: background and shape colour, position and size vary. */
  private static BufferedImage scene(int n) {
    BufferedImage image =
        new BufferedImage(160 + n % 5 * 40, 120 + n % 3 * 30, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.getHSBColor(n * 0.137f % 1, 0.3f, 0.9f));
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setColor(Color.getHSBColor(n * 0.291f % 1, 0.9f, 0.8f));
    int size = 20 + n * 7 % 60;
    g.fillOval(n * 13 % 100, n * 29 % 60, size, size);
    g.dispose();
    return image;
  }

  private static BufferedImage solid(int w, int h, Color color) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, w, h);
    g.dispose();
    return image;
  }
}
