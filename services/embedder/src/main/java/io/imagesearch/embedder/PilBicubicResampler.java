package io.imagesearch.embedder;

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

  private PilBicubicResampler() {}

  /**
   * Resizes packed 0xRRGGBB pixels of a {@code w x h} image to {@code outW x outH}; an axis whose
   * size does not change is not resampled, as in Pillow.
   */
  static int[] resize(int[] rgb, int w, int h, int outW, int outH) {
    return resizeAndCrop(rgb, w, h, outW, outH, 0, 0, outW, outH);
  }

  /**
   * The {@code cropW x cropH} window at ({@code left}, {@code top}) of the image {@link #resize}
   * would make, computing only the output pixels inside it. Each output pixel depends only on its
   * own taps, so the window is bit for bit the same as cropping the full result; a center crop of a
   * 4:3 image skips a quarter of the work.
   */
  static int[] resizeAndCrop(
      int[] rgb, int w, int h, int outW, int outH, int left, int top, int cropW, int cropH) {
    if (left < 0 || top < 0 || left + cropW > outW || top + cropH > outH) {
      throw new IllegalArgumentException("the crop window lies outside the resized image");
    }
    Coefficients columns = outW != w ? Coefficients.of(w, outW) : Coefficients.identity(w);
    Coefficients rows = outH != h ? Coefficients.of(h, outH) : Coefficients.identity(h);
    // Input rows the vertical pass reads for the window's output rows.
    int firstRow = rows.bounds[2 * top];
    int endRow = firstRow;
    for (int yy = top; yy < top + cropH; yy++) {
      endRow = Math.max(endRow, rows.bounds[2 * yy] + rows.bounds[2 * yy + 1]);
    }
    int[] band = horizontal(rgb, w, firstRow, endRow, columns, left, cropW);
    return vertical(band, cropW, firstRow, rows, top, cropH);
  }

  /** Rows {@code [firstRow, endRow)} resampled to output columns {@code [left, left + n)}. */
  private static int[] horizontal(
      int[] in, int w, int firstRow, int endRow, Coefficients c, int left, int n) {
    int[] out = new int[n * (endRow - firstRow)];
    for (int y = firstRow; y < endRow; y++) {
      int row = y * w;
      int outRow = (y - firstRow) * n;
      if (c.isIdentity()) {
        System.arraycopy(in, row + left, out, outRow, n);
        continue;
      }
      for (int xx = left; xx < left + n; xx++) {
        out[outRow + xx - left] = weighted(in, row + c.bounds[2 * xx], 1, c, xx);
      }
    }
    return out;
  }

  /** Output rows {@code [top, top + n)} from a band of rows that starts at input row firstRow. */
  private static int[] vertical(int[] band, int w, int firstRow, Coefficients c, int top, int n) {
    int[] out = new int[w * n];
    for (int yy = top; yy < top + n; yy++) {
      int start = (c.bounds[2 * yy] - firstRow) * w;
      int outRow = (yy - top) * w;
      if (c.isIdentity()) {
        System.arraycopy(band, start, out, outRow, w);
        continue;
      }
      for (int x = 0; x < w; x++) {
        out[outRow + x] = weighted(band, start + x, w, c, yy);
      }
    }
    return out;
  }

  /**
   * One output pixel: the taps of position {@code pos} applied from {@code first}, {@code step}
   * apart.
   */
  private static int weighted(int[] in, int first, int step, Coefficients c, int pos) {
    int count = c.bounds[2 * pos + 1];
    int k = pos * c.ksize;
    int r = 1 << (PRECISION_BITS - 1);
    int g = r;
    int b = r;
    for (int i = 0, at = first; i < count; i++, at += step) {
      int p = in[at];
      int weight = c.weights[k + i];
      r += ((p >> 16) & 0xFF) * weight;
      g += ((p >> 8) & 0xFF) * weight;
      b += (p & 0xFF) * weight;
    }
    return (clip8(r) << 16) | (clip8(g) << 8) | clip8(b);
  }

  private static int clip8(int value) {
    if (value >= (1 << PRECISION_BITS << 8)) {
      return 255;
    }
    if (value <= 0) {
      return 0;
    }
    return value >> PRECISION_BITS;
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
   * Per output position: the first input index, the number of taps and their fixed-point weights.
   */
  private record Coefficients(int outSize, int ksize, int[] bounds, int[] weights) {

    /** An axis that keeps its size: Pillow copies it, so no weights. */
    static Coefficients identity(int size) {
      int[] bounds = new int[size * 2];
      for (int i = 0; i < size; i++) {
        bounds[2 * i] = i;
        bounds[2 * i + 1] = 1;
      }
      return new Coefficients(size, 0, bounds, null);
    }

    boolean isIdentity() {
      return weights == null;
    }

    static Coefficients of(int inSize, int outSize) {
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = SUPPORT * filterScale;
      int ksize = (int) Math.ceil(support) * 2 + 1;
      int[] bounds = new int[outSize * 2];
      int[] weights = new int[outSize * ksize];
      double[] k = new double[ksize];
      for (int xx = 0; xx < outSize; xx++) {
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
          weights[xx * ksize + x] =
              (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
        }
        bounds[2 * xx] = min;
        bounds[2 * xx + 1] = max;
      }
      return new Coefficients(outSize, ksize, bounds, weights);
    }
  }
}
