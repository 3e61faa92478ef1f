package io.imagesearch.embedder;

import java.util.Arrays;

/**
 * Bicubic resampling with the exact arithmetic of Pillow's {@code Image.resize(..., BICUBIC)}
 * (separable, antialiased when downscaling, 22-bit fixed-point weights, rounding to 8 bits after
 * each pass). CLIP models are trained on Pillow-resized pixels, so matching it bit for bit keeps
 * Java embeddings equal to the reference ones.
 */
final class PilBicubicResampler {

  private static final int PRECISION_BITS = 32 - 8 - 2;
  private static final double SUPPORT = 2.0;
  private static final double A = -0.5;
  private static final int HALF = 1 << (PRECISION_BITS - 1);

  private PilBicubicResampler() {}

  /**
   * The {@code cropW x cropH} window at ({@code left}, {@code top}) of packed 0xRRGGBB pixels of a
   * {@code w x h} image resized to {@code outW x outH} (an axis whose size does not change is not
   * resampled, as in Pillow), computing only the output pixels inside it. Each output pixel depends
   * only on its own taps, so the window is bit for bit the same as cropping the full result; a
   * center crop of a 4:3 image skips a quarter of the work.
   */
  static int[] resizeAndCrop(
      int[] rgb,
      int w,
      int h,
      int outW,
      int outH,
      int left,
      int top,
      int cropW,
      int cropH,
      RowLoop rowLoop) {
    if (left < 0 || top < 0 || left + cropW > outW || top + cropH > outH) {
      throw new IllegalArgumentException("the crop window lies outside the resized image");
    }
    // Weights only for the window's outputs: the resized image's size is not bounded by the model's
    // (a thin strip resizes to billions of rows), the window is.
    Coefficients columns =
        outW != w ? Coefficients.window(w, outW, left, cropW) : Coefficients.identity(left, cropW);
    Coefficients rows =
        outH != h ? Coefficients.window(h, outH, top, cropH) : Coefficients.identity(top, cropH);
    // Only the input rows and columns that the window's taps read.
    int firstRow = rows.first(top);
    int endRow = rows.end(top, cropH);
    int firstColumn = columns.first(left);
    int endColumn = columns.end(left, cropW);
    Planes band = new Planes(cropW * (endRow - firstRow));
    rowLoop.run(
        firstRow,
        endRow,
        (from, to) -> {
          Planes row = new Planes(endColumn - firstColumn);
          for (int y = from; y < to; y++) {
            horizontalRow(
                rgb,
                y * w,
                firstColumn,
                endColumn,
                columns,
                left,
                cropW,
                row,
                band,
                (y - firstRow) * cropW);
          }
        });
    int[] out = new int[cropW * cropH];
    rowLoop.run(
        top,
        top + cropH,
        (from, to) -> {
          Planes sums = new Planes(cropW);
          for (int yy = from; yy < to; yy++) {
            verticalRow(band, cropW, firstRow, rows, yy, sums, out, (yy - top) * cropW);
          }
        });
    return out;
  }

  /**
   * One row of the horizontal pass. The row is first split into channel planes ({@code row},
   * scratch space) so that each output pixel is three plain dot products, which the JIT turns into
   * vector instructions.
   */
  private static void horizontalRow(
      int[] in,
      int rowStart,
      int firstColumn,
      int endColumn,
      Coefficients c,
      int left,
      int n,
      Planes row,
      Planes out,
      int outAt) {
    int[] r = row.r;
    int[] g = row.g;
    int[] b = row.b;
    int from = rowStart + firstColumn;
    for (int i = 0; i < endColumn - firstColumn; i++) {
      int p = in[from + i];
      r[i] = (p >> 16) & 0xFF;
      g[i] = (p >> 8) & 0xFF;
      b[i] = p & 0xFF;
    }
    int[] weights = c.weights;
    for (int xx = left; xx < left + n; xx++) {
      int j = xx - c.from;
      int min = c.bounds[2 * j] - firstColumn;
      int count = c.bounds[2 * j + 1];
      int k = j * c.ksize;
      int sr = HALF;
      int sg = HALF;
      int sb = HALF;
      for (int i = 0; i < count; i++) {
        int weight = weights[k + i];
        sr += r[min + i] * weight;
        sg += g[min + i] * weight;
        sb += b[min + i] * weight;
      }
      out.r[outAt + xx - left] = clip8(sr);
      out.g[outAt + xx - left] = clip8(sg);
      out.b[outAt + xx - left] = clip8(sb);
    }
  }

  /** One output row of the vertical pass: whole rows of taps added at once, also vectorised. */
  private static void verticalRow(
      Planes band, int w, int firstRow, Coefficients c, int yy, Planes sums, int[] out, int outAt) {
    int[] sr = sums.r;
    int[] sg = sums.g;
    int[] sb = sums.b;
    Arrays.fill(sr, 0, w, HALF);
    Arrays.fill(sg, 0, w, HALF);
    Arrays.fill(sb, 0, w, HALF);
    int j = yy - c.from;
    int min = c.bounds[2 * j];
    int count = c.bounds[2 * j + 1];
    for (int t = 0; t < count; t++) {
      int weight = c.weights[j * c.ksize + t];
      int base = (min + t - firstRow) * w;
      for (int x = 0; x < w; x++) {
        sr[x] += band.r[base + x] * weight;
        sg[x] += band.g[base + x] * weight;
        sb[x] += band.b[base + x] * weight;
      }
    }
    for (int x = 0; x < w; x++) {
      out[outAt + x] = (clip8(sr[x]) << 16) | (clip8(sg[x]) << 8) | clip8(sb[x]);
    }
  }

  /** Pillow's clip8 (255 at or above 256 << 22, 0 at or below 0), without branches. */
  private static int clip8(int value) {
    return Math.min(255, Math.max(0, value >> PRECISION_BITS));
  }

  /** Red, green and blue samples in separate arrays. */
  private static final class Planes {
    final int[] r;
    final int[] g;
    final int[] b;

    Planes(int length) {
      r = new int[length];
      g = new int[length];
      b = new int[length];
    }
  }

  private static double bicubic(double x) {
    double t = Math.abs(x);
    if (t < 1.0) {
      return ((A + 2.0) * t - (A + 3.0)) * t * t + 1;
    }
    if (t < 2.0) {
      return (((t - 5) * t + 8) * t - 4) * A;
    }
    return 0.0;
  }

  /**
   * Per output position from {@code from} on: the first input index, the number of taps and their
   * fixed-point weights, position {@code from + j} at index {@code j}.
   */
  record Coefficients(int from, int ksize, int[] bounds, int[] weights) {

    /**
     * Outputs {@code [from, from + n)} of an axis that keeps its size. Pillow copies it; one tap of
     * weight 1.0 gives the same values ((v << 22) + half, shifted back), so no separate copying
     * path is needed.
     */
    static Coefficients identity(int from, int n) {
      int[] bounds = new int[n * 2];
      int[] weights = new int[n];
      for (int j = 0; j < n; j++) {
        bounds[2 * j] = from + j;
        bounds[2 * j + 1] = 1;
        weights[j] = 1 << PRECISION_BITS;
      }
      return new Coefficients(from, 1, bounds, weights);
    }

    /** The first input index that outputs {@code [start, ...)} read. */
    int first(int start) {
      return bounds[2 * (start - from)];
    }

    /** One past the last input index that outputs {@code [start, start + n)} read. */
    int end(int start, int n) {
      int end = first(start);
      for (int j = start - from; j < start - from + n; j++) {
        end = Math.max(end, bounds[2 * j] + bounds[2 * j + 1]);
      }
      return end;
    }

    /** Every output position of the axis. */
    static Coefficients of(int inSize, int outSize) {
      return window(inSize, outSize, 0, outSize);
    }

    /** Output positions {@code [from, from + n)} of an axis resized to {@code outSize}. */
    static Coefficients window(int inSize, int outSize, int from, int n) {
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = SUPPORT * filterScale;
      int ksize = (int) Math.ceil(support) * 2 + 1;
      int[] bounds = new int[n * 2];
      int[] weights = new int[Math.multiplyExact(n, ksize)];
      double[] k = new double[ksize];
      for (int j = 0; j < n; j++) {
        int xx = from + j;
        double center = (xx + 0.5) * scale;
        double ss = 1.0 / filterScale;
        int min = Math.max(0, (int) (center - support + 0.5));
        int max = Math.min(inSize, (int) (center + support + 0.5)) - min;
        double sum = 0.0;
        for (int x = 0; x < max; x++) {
          k[x] = bicubic((x + min - center + 0.5) * ss);
          sum += k[x];
        }
        for (int x = 0; x < max; x++) {
          double w = sum != 0.0 ? k[x] / sum : k[x];
          weights[j * ksize + x] =
              (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
        }
        bounds[2 * j] = min;
        bounds[2 * j + 1] = max;
      }
      return new Coefficients(from, ksize, bounds, weights);
    }
  }
}
