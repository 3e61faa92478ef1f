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
    int[] pixels = rgb;
    int width = w;
    if (outW != w) {
      pixels = horizontal(pixels, w, h, Coefficients.of(w, outW));
      width = outW;
    }
    if (outH != h) {
      pixels = vertical(pixels, width, Coefficients.of(h, outH), outH);
    }
    return pixels;
  }

  private static int[] horizontal(int[] in, int w, int h, Coefficients c) {
    int outW = c.outSize;
    int[] out = new int[outW * h];
    for (int y = 0; y < h; y++) {
      int row = y * w;
      for (int xx = 0; xx < outW; xx++) {
        int min = c.bounds[2 * xx];
        int count = c.bounds[2 * xx + 1];
        int k = xx * c.ksize;
        int r = 1 << (PRECISION_BITS - 1);
        int g = r;
        int b = r;
        for (int x = 0; x < count; x++) {
          int p = in[row + min + x];
          int weight = c.weights[k + x];
          r += ((p >> 16) & 0xFF) * weight;
          g += ((p >> 8) & 0xFF) * weight;
          b += (p & 0xFF) * weight;
        }
        out[y * outW + xx] = (clip8(r) << 16) | (clip8(g) << 8) | clip8(b);
      }
    }
    return out;
  }

  private static int[] vertical(int[] in, int w, Coefficients c, int outH) {
    int[] out = new int[w * outH];
    for (int yy = 0; yy < outH; yy++) {
      int min = c.bounds[2 * yy];
      int count = c.bounds[2 * yy + 1];
      int k = yy * c.ksize;
      for (int x = 0; x < w; x++) {
        int r = 1 << (PRECISION_BITS - 1);
        int g = r;
        int b = r;
        for (int y = 0; y < count; y++) {
          int p = in[(min + y) * w + x];
          int weight = c.weights[k + y];
          r += ((p >> 16) & 0xFF) * weight;
          g += ((p >> 8) & 0xFF) * weight;
          b += (p & 0xFF) * weight;
        }
        out[yy * w + x] = (clip8(r) << 16) | (clip8(g) << 8) | clip8(b);
      }
    }
    return out;
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
