package io.imagesearch.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.imaging.IntRgbImages;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntBinaryOperator;
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
  void windowEqualsTheCropOfAPlainFullResize(
      int w, int h, int outW, int outH, int left, int top, int cropW, int cropH) {
    int[] pixels = noise(w, h);

    int[] full = plainResize(pixels, w, h, outW, outH);
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

  @Test
  void aThinStripIsResizedWithWeightsForTheWindowOnly() {
    // 2 x 5,000,000 resized for a 224 model is 224 x 560,000,000: weights for every row would take
    // gigabytes, the window's 224 rows take a few kilobytes.
    PilBicubicResampler.Coefficients rows =
        PilBicubicResampler.Coefficients.window(5_000_000, 560_000_000, 279_999_888, 224);
    assertThat(rows.bounds()).hasSize(2 * 224);

    float[] tensor =
        new ImagePreprocessor(224, new float[] {0, 0, 0}, new float[] {1, 1, 1})
            .toTensor(IntRgbImages.wrap(new int[2 * 5_000_000], 2, 5_000_000));
    assertThat(tensor).hasSize(3 * 224 * 224);
  }

  /**
   * Pillow's two passes written the plain way, one output pixel at a time over the packed pixels:
   * the oracle for the windowed, planar code (the weights themselves are checked against Pillow by
   * the parity tests).
   */
  private static int[] plainResize(int[] rgb, int w, int h, int outW, int outH) {
    int[] pixels = rgb;
    if (outW != w) {
      PilBicubicResampler.Coefficients c = PilBicubicResampler.Coefficients.of(w, outW);
      pixels = pass(pixels, h, outW, c, (line, i) -> line * w + i, (line, i) -> line * outW + i);
    }
    if (outH != h) {
      PilBicubicResampler.Coefficients c = PilBicubicResampler.Coefficients.of(h, outH);
      pixels =
          pass(pixels, outW, outH, c, (line, i) -> i * outW + line, (line, i) -> i * outW + line);
    }
    return pixels;
  }

  private static int[] pass(
      int[] in,
      int lines,
      int outLength,
      PilBicubicResampler.Coefficients c,
      IntBinaryOperator inIndex,
      IntBinaryOperator outIndex) {
    int[] out = new int[lines * outLength];
    for (int line = 0; line < lines; line++) {
      for (int o = 0; o < outLength; o++) {
        int min = c.bounds()[2 * o];
        int r = 1 << 21;
        int g = r;
        int b = r;
        for (int t = 0; t < c.bounds()[2 * o + 1]; t++) {
          int p = in[inIndex.applyAsInt(line, min + t)];
          int weight = c.weights()[o * c.ksize() + t];
          r += ((p >> 16) & 0xFF) * weight;
          g += ((p >> 8) & 0xFF) * weight;
          b += (p & 0xFF) * weight;
        }
        out[outIndex.applyAsInt(line, o)] = (clip8(r) << 16) | (clip8(g) << 8) | clip8(b);
      }
    }
    return out;
  }

  /** Pillow's clip8, with its branches. */
  private static int clip8(int value) {
    if (value >= 1 << 30) {
      return 255;
    }
    return value <= 0 ? 0 : value >> 22;
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
