package io.imagesearch.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PilBicubicResamplerTest {

  @ParameterizedTest(name = "{0}x{1} -> {2}x{3}, window {6}x{7} at ({4},{5})")
  @CsvSource({
    "640, 480, 85, 64, 10, 0, 64, 64", // landscape, center crop of a downscale
    "480, 640, 64, 85, 0, 10, 64, 64", // portrait
    "64, 300, 64, 300, 0, 118, 64, 64", // width unchanged: only the vertical pass
    "300, 64, 300, 64, 118, 0, 64, 64", // height unchanged: only the horizontal pass
    "17, 9, 60, 32, 3, 1, 50, 30", // upscale
    "500, 500, 224, 224, 0, 0, 224, 224", // no crop at all
    "1000, 10, 224, 2, 100, 1, 7, 1" // a single row out of an extreme aspect
  })
  void windowEqualsTheCropOfTheFullResize(
      int w, int h, int outW, int outH, int left, int top, int cropW, int cropH) {
    int[] pixels = noise(w, h);

    int[] full = PilBicubicResampler.resize(pixels, w, h, outW, outH);
    int[] window =
        PilBicubicResampler.resizeAndCrop(
            pixels, w, h, outW, outH, left, top, cropW, cropH, RowLoop.SEQUENTIAL);

    int[] expected = new int[cropW * cropH];
    for (int y = 0; y < cropH; y++) {
      System.arraycopy(full, (top + y) * outW + left, expected, y * cropW, cropW);
    }
    assertThat(window).isEqualTo(expected);
  }

  @Test
  void rowsSpreadOverThreadsGiveTheSamePixels() {
    int[] pixels = noise(1024, 768);
    ForkJoinPool pool = new ForkJoinPool(3);
    try {
      int[] parallel =
          PilBicubicResampler.resizeAndCrop(
              pixels, 1024, 768, 298, 224, 37, 0, 224, 224, RowLoop.on(pool));
      int[] sequential =
          PilBicubicResampler.resizeAndCrop(
              pixels, 1024, 768, 298, 224, 37, 0, 224, 224, RowLoop.SEQUENTIAL);
      assertThat(parallel).isEqualTo(sequential);
    } finally {
      pool.shutdown();
    }
  }

  @ParameterizedTest
  @CsvSource({"-1, 0", "0, -1", "22, 0", "0, 1"})
  void windowOutsideTheImageIsRefused(int left, int top) {
    assertThatThrownBy(
            () ->
                PilBicubicResampler.resizeAndCrop(
                    noise(8, 8), 8, 8, 64, 64, left, top, 43, 64, RowLoop.SEQUENTIAL))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int[] noise(int w, int h) {
    Random random = new Random(w * 7919L + h);
    int[] pixels = new int[w * h];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextInt(1 << 24);
    }
    return pixels;
  }
}
